#!/usr/bin/env node
// DESIGN.md principle 10, checked: a case module is self-contained when removing its folder and its registry
// lines leaves a build that passes. Usage: `node scripts/check-module-removal.mjs <module> [--keep]`.
//
// Copies the repository to a temporary directory (node_modules linked, not copied; no .git, no dist), deletes
// src/modules/<module> with the module's own tests outside it (test/**/<module>-*.test.ts, e2e/<module>-*), takes
// the module's lines out of src/modules/registry.ts and src/web/modules.registry.ts, and then checks that
//   1. nothing else in the copy still names the module's folder,
//   2. `tsc --noEmit -p .` passes,
//   3. the OpenAPI document regenerates without the module's routes, and
//   4. the unit tests (vitest project "unit") pass, and
//   5. the integration tests that cover every route (the authorization matrix and http-hardening) pass on SQLite:
//      a module's rows and sample bodies live in its folder, so they go with it, and no route is left unplaced.
// Exits non-zero on the first failing step; --keep leaves the copy for a look.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const name = args.find((a) => !a.startsWith('--'));

function fail(message) {
  console.error(`check-module-removal: ${message}`);
  process.exit(1);
}

if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) fail('usage: node scripts/check-module-removal.mjs <module> [--keep]');
if (!existsSync(join(root, 'src', 'modules', name, 'manifest.ts'))) fail(`no module src/modules/${name}`);

const SKIP_TOP = new Set(['node_modules', '.git', 'dist', 'coverage', 'test-results']);
const copy = mkdtempSync(join(tmpdir(), `minsheng-without-${name}-`));
console.log(`copying the repository to ${copy}`);
cpSync(root, copy, {
  recursive: true,
  filter: (src) => {
    const rel = relative(root, src);
    if (rel === '') return true;
    const parts = rel.split(sep);
    return !SKIP_TOP.has(parts[0]) && !parts.includes('node_modules');
  },
});
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');

function cleanup() {
  if (keep) console.log(`kept ${copy}`);
  else rmSync(copy, { recursive: true, force: true });
}

// ---- remove the module ----------------------------------------------------------------------------

const removed = [join('src', 'modules', name)];
rmSync(join(copy, 'src', 'modules', name), { recursive: true, force: true });
function removeMatching(dir, test) {
  const abs = join(copy, dir);
  if (!existsSync(abs)) return;
  for (const entry of readdirSync(abs)) {
    const path = join(abs, entry);
    if (statSync(path).isDirectory()) removeMatching(join(dir, entry), test);
    else if (test(entry)) {
      rmSync(path);
      removed.push(join(dir, entry));
    }
  }
}
const ownTest = (file) => file.startsWith(`${name}-`) || file.startsWith(`${name}.`);
removeMatching('test', ownTest);
removeMatching('e2e', ownTest);

/** Deletes the lines importing from the module's folder, and the names they imported wherever else they appear in lists. */
function unregister(file) {
  const path = join(copy, file);
  if (!existsSync(path)) return;
  const source = readFileSync(path, 'utf8');
  const folder = new RegExp(`['"](?:\\./|\\.\\./modules/)${name}/`);
  const names = [];
  const kept = [];
  for (const line of source.split('\n')) {
    if (/^\s*import\b/.test(line) && folder.test(line)) {
      const match = /import\s+(?:type\s+)?\{([^}]*)\}/.exec(line);
      if (match) names.push(...match[1].split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()).filter(Boolean));
      continue;
    }
    kept.push(line);
  }
  let text = kept.join('\n');
  for (const id of names) {
    text = text.replace(new RegExp(`,\\s*\\b${id}\\b(?=\\s*[\\],])`, 'g'), '').replace(new RegExp(`\\b${id}\\b\\s*,\\s*`, 'g'), '').replace(new RegExp(`\\[\\s*\\b${id}\\b\\s*\\]`, 'g'), '[]');
    if (new RegExp(`\\b${id}\\b`).test(text)) fail(`${file} still uses ${id} after its import was removed`);
  }
  if (text !== source) {
    writeFileSync(path, text);
    console.log(`unregistered ${names.join(', ') || '(nothing)'} from ${file}`);
  }
}
unregister(join('src', 'modules', 'registry.ts'));
unregister(join('src', 'web', 'modules.registry.ts'));
console.log(`removed ${removed.join(', ')}`);

// ---- check --------------------------------------------------------------------------------------------

/** Files outside the module that still name its folder. */
function stillNamed(dir, found = []) {
  const abs = join(copy, dir);
  for (const entry of readdirSync(abs)) {
    if (entry === 'node_modules') continue;
    const path = join(abs, entry);
    const rel = join(dir, entry);
    if (statSync(path).isDirectory()) stillNamed(rel, found);
    else if (/\.(m?[jt]sx?|json)$/.test(entry) && readFileSync(path, 'utf8').includes(`modules/${name}/`)) found.push(rel);
  }
  return found;
}
const leftovers = ['src', 'test', 'e2e', 'bench', 'scripts'].filter((d) => existsSync(join(copy, d))).flatMap((d) => stillNamed(d));
if (leftovers.length) {
  cleanup();
  fail(`these files still name src/modules/${name}/: ${leftovers.join(', ')}`);
}

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['OpenAPI document', 'node', ['bin/minsheng.mjs', 'openapi', '--write']],
  ['unit tests', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['route-wide integration tests (SQLite)', 'npx', ['vitest', 'run', '--project', 'integration', 'test/integration/authorization-matrix.test.ts', 'test/integration/http-hardening.test.ts']],
];
const started = Date.now();
for (const [label, command, commandArgs] of steps) {
  console.log(`\n=== ${label} without ${name} (${Math.round((Date.now() - started) / 1000)} s in) ===`);
  const result = spawnSync(command, commandArgs, { cwd: copy, stdio: 'inherit', env: { ...process.env, MINSHENG_TEST_ENGINE: 'sqlite' } });
  if (result.status !== 0) {
    cleanup();
    fail(`${label} failed without the ${name} module`);
  }
}
cleanup();
console.log(`\ncheck-module-removal: the build passes without ${name} (${Math.round((Date.now() - started) / 1000)} s of checks)`);
