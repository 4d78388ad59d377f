// The web app is built on first start, and again whenever its sources are newer than the build,
// so `npm start` and the browser journeys never serve a stale app.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (/\.(tsx?|css|html|svg)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function webSourceDirs(projectRoot: string): string[] {
  const modules = join(projectRoot, 'src/modules');
  const moduleWebDirs = existsSync(modules)
    ? readdirSync(modules, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => [join(modules, d.name, 'web'), join(modules, d.name, 'locales'), join(modules, d.name, 'shared')])
    : [];
  // The pure code the web app imports (src/shared, each module's shared/) is part of the build too.
  return [join(projectRoot, 'src/web'), join(projectRoot, 'src/shared'), ...moduleWebDirs].filter((d) => existsSync(d));
}

export function webBuildIsCurrent(projectRoot: string, webDir: string): boolean {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return webSourceDirs(projectRoot).every((dir) => newestSourceTime(dir) <= built);
}

export async function ensureWebBuilt(projectRoot: string, webDir: string, log: (line: string) => void = () => {}) {
  if (webBuildIsCurrent(projectRoot, webDir)) return;
  log('Building the web app…');
  const { build } = await import('vite');
  // Test runners set NODE_ENV=test, which would give a development build of React and antd.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
