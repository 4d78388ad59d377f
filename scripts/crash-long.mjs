#!/usr/bin/env node
// The long mode of the crash-safety test (issue 5, item 3): many more kill -9 cycles than `npm test` runs.
//
//   node scripts/crash-long.mjs [--cycles 200] [--engine sqlite|postgres|both] [--seed N]
//
// Runs test/integration/crash-safety.test.ts with MINSHENG_CRASH_CYCLES on SQLite, then on PostgreSQL when
// DATABASE_URL is set (or --engine postgres). Exits non-zero when any run fails; prints each run's seed line,
// so a failure can be replayed with MINSHENG_CRASH_SEED.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '200' },
    engine: { type: 'string', default: process.env.DATABASE_URL ? 'both' : 'sqlite' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('node scripts/crash-long.mjs [--cycles 200] [--engine sqlite|postgres|both] [--seed N]');
  process.exit(0);
}
const cycles = Number(values.cycles);
if (!Number.isInteger(cycles) || cycles < 1) {
  console.error(`--cycles must be a positive whole number, got ${values.cycles}`);
  process.exit(2);
}
const engines = values.engine === 'both' ? ['sqlite', 'postgres'] : [values.engine];
if (engines.some((e) => e !== 'sqlite' && e !== 'postgres')) {
  console.error(`--engine must be sqlite, postgres or both, got ${values.engine}`);
  process.exit(2);
}
if (engines.includes('postgres') && !process.env.DATABASE_URL) {
  console.error('PostgreSQL needs DATABASE_URL (the server on which a crash_<random> database is created and dropped)');
  process.exit(2);
}

const results = [];
for (const engine of engines) {
  console.log(`\n=== crash safety, ${cycles} cycles on ${engine} ===`);
  const started = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'integration', 'test/integration/crash-safety.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, MINSHENG_TEST_ENGINE: engine, MINSHENG_CRASH_CYCLES: String(cycles), ...(values.seed ? { MINSHENG_CRASH_SEED: values.seed } : {}) },
  });
  results.push({ engine, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log('');
for (const r of results) console.log(`${r.engine}: ${r.ok ? 'passed' : 'FAILED'} in ${r.seconds} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
