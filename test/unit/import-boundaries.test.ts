// The layout's rules, checked on the source: pure code (src/shared, each module's shared/) does no I/O and
// knows nothing of the server; modules never import each other; the browser code never imports the server.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|jsx)$/;

/** Libraries that reach outside the process: files, network, processes, databases, HTTP, mail, logs. */
const IO_LIBRARIES: RegExp[] = [
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|dns\/promises|tls|cluster|worker_threads|readline|readline\/promises|os|process|module|stream|stream\/promises|inspector)$/,
  /^(pg|pg-.*|better-sqlite3|sqlite3|kysely|kysely-.*|fastify|fastify-.*|@fastify\/.*|nodemailer|pino|pino-.*|undici|node-fetch|axios|ioredis|redis|playwright-core|vite)$/,
];

interface ImportSite { specifier: string; line: number }

/** Every module specifier a file names: static and type imports, re-exports, dynamic import(), require(). */
function importsOf(text: string): ImportSite[] {
  // Blank out comments (keeping line breaks) so that prose about imports is not taken for one.
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[\s;{}])\/\/[^\n]*/g, (comment, lead: string) => lead + ' '.repeat(comment.length - lead.length));
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?['"]([^'"\n]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s+from\s+['"]([^'"\n]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  ];
  const sites: ImportSite[] = [];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const at = match.index + match[0].lastIndexOf(match[1]!);
      sites.push({ specifier: match[1]!, line: code.slice(0, at).split('\n').length });
    }
  }
  return sites.sort((a, b) => a.line - b.line);
}

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(walk(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** Path relative to the project root with forward slashes: 'src/modules/appeal/shared/x.ts'. */
const rel = (path: string) => relative(ROOT, path).split(sep).join('/');

interface Import { file: string; line: number; specifier: string; target: string | null }

function importsIn(files: string[]): Import[] {
  return files.flatMap((file) => importsOf(readFileSync(file, 'utf8')).map(({ specifier, line }) => ({
    file: rel(file), line, specifier,
    target: specifier.startsWith('.') ? rel(resolve(dirname(file), specifier)) : specifier.startsWith('/') ? rel(specifier) : null,
  })));
}

const describeImport = (i: Import, why: string) => `${i.file}:${i.line} imports '${i.specifier}' — ${why}`;
const moduleOf = (path: string) => /^src\/modules\/([^/]+)\//.exec(path)?.[1];
const isPure = (path: string) => path.startsWith('src/shared/') || /^src\/modules\/[^/]+\/shared\//.test(path);
const isWeb = (path: string) => path.startsWith('src/web/') || /^src\/modules\/[^/]+\/web\//.test(path);

const allFiles = walk(SRC);
const all = importsIn(allFiles);

describe('the import extractor', () => {
  it('finds static, type-only, multi-line, re-exported, dynamic and required imports, and skips comments', () => {
    const sample = [
      "import { a } from './a.ts';",
      "import type { B } from '../server/b.ts';",
      "import {",
      "  c,",
      "  d,",
      "} from 'kysely';",
      "import 'node:fs';",
      "export * from 'pg';",
      "export { e } from './e.ts';",
      "const f = await import('node:child_process');",
      "const g = require('better-sqlite3');",
      "// import { h } from 'fastify';",
      "/* import 'nodemailer'; */",
      "const url = 'http://example.com'; // not an import",
    ].join('\n');
    expect(importsOf(sample)).toEqual([
      { specifier: './a.ts', line: 1 },
      { specifier: '../server/b.ts', line: 2 },
      { specifier: 'kysely', line: 6 },
      { specifier: 'node:fs', line: 7 },
      { specifier: 'pg', line: 8 },
      { specifier: './e.ts', line: 9 },
      { specifier: 'node:child_process', line: 10 },
      { specifier: 'better-sqlite3', line: 11 },
    ]);
  });

  it('reads the real source tree', () => {
    expect(allFiles.filter((f) => rel(f).startsWith('src/shared/')).length).toBeGreaterThan(5);
    expect(allFiles.filter((f) => rel(f).startsWith('src/server/')).length).toBeGreaterThan(20);
    expect(all.length).toBeGreaterThan(200);
    // The server does import I/O libraries: the rules below would see them.
    expect(all.some((i) => i.file.startsWith('src/server/') && IO_LIBRARIES.some((re) => re.test(i.specifier)))).toBe(true);
  });
});

describe('import boundaries', () => {
  it('pure code (src/shared, src/modules/*/shared) imports no I/O library', () => {
    const violations = all.filter((i) => isPure(i.file) && i.target === null && IO_LIBRARIES.some((re) => re.test(i.specifier)))
      .map((i) => describeImport(i, 'pure code does no I/O; take the value as an argument or move the code under src/server'));
    expect(violations).toEqual([]);
  });

  it('pure code imports nothing from src/server or src/cli, nor its module\'s server/', () => {
    const violations = all.filter((i) => isPure(i.file) && i.target !== null
      && (i.target.startsWith('src/server/') || i.target.startsWith('src/cli/') || /^src\/modules\/[^/]+\/server\//.test(i.target)))
      .map((i) => describeImport(i, 'pure code must not depend on server code'));
    expect(violations).toEqual([]);
  });

  it('a module under src/modules/<a>/ never imports from src/modules/<b>/', () => {
    const violations = all.filter((i) => {
      const from = moduleOf(i.file);
      const to = i.target ? moduleOf(i.target) : undefined;
      return from !== undefined && to !== undefined && from !== to;
    }).map((i) => describeImport(i, `module ${moduleOf(i.file)} reaches into module ${moduleOf(i.target!)}`));
    expect(violations).toEqual([]);
  });

  it('the web app (src/web, src/modules/*/web) imports nothing from src/server', () => {
    const violations = all.filter((i) => isWeb(i.file) && i.target !== null
      && (i.target.startsWith('src/server/') || i.target.startsWith('src/cli/') || /^src\/modules\/[^/]+\/server\//.test(i.target)))
      .map((i) => describeImport(i, 'browser code must not import server code; share types through src/shared or the OpenAPI client'));
    expect(violations).toEqual([]);
  });
});
