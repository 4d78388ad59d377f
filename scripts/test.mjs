#!/usr/bin/env node
// `npm test`: the whole suite on SQLite; then, when DATABASE_URL is set, every database and
// browser test again on PostgreSQL. Ends with one "N passed, N failed" line and a non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
const reportDir = mkdtempSync(join(tmpdir(), 'minsheng-test-'));

function run(label, env, args) {
  const report = join(reportDir, `${label}.json`);
  console.log(`\n=== ${label} ===`);
  const result = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
  } catch {
    failed += 1;
  }
  if (result.status !== 0 && failed === 0) failed = 1;
  return { label, passed, failed, ok: result.status === 0 };
}

const runs = [run('sqlite', { MINSHENG_TEST_ENGINE: 'sqlite' }, [])];
if (process.env.DATABASE_URL) {
  runs.push(run('postgres', { MINSHENG_TEST_ENGINE: 'postgres' }, ['--project', 'integration', '--project', 'e2e']));
} else {
  console.log('\nDATABASE_URL is not set: database tests ran on SQLite only.');
}
rmSync(reportDir, { recursive: true, force: true });

const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
console.log('');
for (const r of runs) console.log(`${r.label}: ${r.passed} passed, ${r.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(runs.every((r) => r.ok) && failed === 0 ? 0 : 1);
