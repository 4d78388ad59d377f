// npm run bench [-- --quick] [-- --soak 30m] [--engines sqlite,postgres] [--scales 100000,1000000] [--keep]
//
// The benchmarks of issue 5 on SQLite, and on PostgreSQL when DATABASE_URL is set (the benchmark makes its own
// databases on that server and drops them afterwards). Prints a table per engine and writes
// bench/results/<date>-<engine>[-quick|-soak].json. Slow figures never fail the run; only a broken harness does.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../src/server/platform/db/database.ts';
import { benchmarkEngine, writeRun, type EngineRun } from './harness.ts';
import { table } from './lib/figures.ts';
import { PROFILES } from './scenarios/context.ts';
import { parseDuration } from './scenarios/soak.ts';

const RESULTS_DIR = fileURLToPath(new URL('./results', import.meta.url));

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    soak: { type: 'string' },
    engines: { type: 'string' },
    scales: { type: 'string' },
    keep: { type: 'boolean' },
  },
});

const base = PROFILES[values.quick ? 'quick' : 'full'];
const scales = values.scales ? values.scales.split(',').map((s) => Number(s.trim())) : base.scales;
if (scales.some((s) => !Number.isInteger(s) || s < 1)) throw new Error(`--scales takes whole numbers, e.g. 100000,1000000; got ${values.scales}`);
const profile = { ...base, scales: [...scales].sort((a, b) => a - b) };
const serverUrl = process.env.DATABASE_URL || undefined;
const engines = (values.engines?.split(',').map((e) => e.trim()) ?? ['sqlite', ...(serverUrl ? ['postgres'] : [])]) as Engine[];
for (const engine of engines) {
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`Unknown engine ${engine}`);
  if (engine === 'postgres' && !serverUrl) throw new Error('PostgreSQL needs DATABASE_URL (a database on the server to benchmark; it is not touched)');
}
const soakSeconds = values.soak ? parseDuration(values.soak) : undefined;

const workDir = mkdtempSync(join(tmpdir(), 'minsheng-bench-'));
const dataKey = randomBytes(32).toString('base64');
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const runs: EngineRun[] = [];
try {
  for (const engine of engines) {
    log(`=== ${engine}: ${soakSeconds ? `soak for ${soakSeconds} s` : `${profile.name} benchmark at ${profile.scales.join(', ')} appeals`} ===`);
    const run = await benchmarkEngine({ engine, profile, serverUrl, workDir, dataKey, keep: values.keep ?? false, soakSeconds, log });
    runs.push(run);
    log(`${engine} done in ${run.seconds.toFixed(0)} s; results in ${writeRun(run, RESULTS_DIR)}`);
  }
} finally {
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  else console.log(`Databases kept under ${workDir}`);
}
console.log(`\n${table(runs.flatMap((r) => r.figures))}`);
for (const run of runs) for (const note of run.notes) console.log(`note (${run.engine}): ${note}`);
const missed = runs.flatMap((r) => r.figures).filter((f) => f.met === false).length;
console.log(`\n${missed === 0 ? 'Every target met.' : `${missed} figures miss their target (see BENCHMARKS.md for why and what would fix them).`}`);
