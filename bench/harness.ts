// One engine's benchmark: the main database grown scale by scale, each scenario measured at each scale (intake
// once, at the first; cold start once, at the last), or the bounded soak. Used by bench/run.ts and by the
// harness test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../src/server/platform/db/database.ts';
import { toLocalDate } from '../src/shared/time/local-date.ts';
import { BenchDatabases } from './lib/databases.ts';
import type { Figure } from './lib/figures.ts';
import { describeMachine, engineVersion, type Machine } from './lib/machine.ts';
import type { Profile, ScenarioContext } from './scenarios/context.ts';
import { appealCount, growTo } from './scenarios/generator.ts';
import { intakeBodies, measureIntake } from './scenarios/intake.ts';
import { measureInbox, type InboxOutcome } from './scenarios/inbox.ts';
import { measureSearch } from './scenarios/search.ts';
import { measureDashboard } from './scenarios/dashboard.ts';
import { measureSweep, sweepGrowth } from './scenarios/sweep.ts';
import { measureColdStart } from './scenarios/cold-start.ts';
import { runSoak, type SoakReport } from './scenarios/soak.ts';

export interface EngineRun {
  engine: Engine;
  engineVersion: string;
  profile: Profile['name'];
  mode: 'benchmark' | 'soak';
  date: string;
  startedAt: string;
  seconds: number;
  machine: Machine & { loadAverageAtEnd: number };
  figures: Figure[];
  /** the inbox statements explained, per scale */
  inboxDiagnosis: Record<string, InboxOutcome['diagnosis']>;
  notes: string[];
  soak?: SoakReport;
}

export interface EngineOptions {
  engine: Engine;
  profile: Profile;
  /** a URL of the PostgreSQL server to create the benchmark's databases on */
  serverUrl?: string | undefined;
  workDir: string;
  dataKey: string;
  /** keep the databases afterwards (for a look at them) */
  keep: boolean;
  /** run the soak for this long instead of the benchmark */
  soakSeconds?: number | undefined;
  soakSampleSeconds?: number;
  log: (line: string) => void;
}

async function measureScales(context: ScenarioContext, run: EngineRun) {
  const { dbs, main, profile, log } = context;
  const sweeps: Array<{ scale: number; per1000: number }> = [];
  for (const [index, scale] of profile.scales.entries()) {
    let opened = await dbs.open(main);
    try {
      run.engineVersion = await engineVersion(opened.deps);
      run.figures.push(...(await growTo(context, opened.deps, scale)).figures);
      const actual = await appealCount(opened.deps);
      if (index === 0) {
        // The intake copy is taken with the main database closed (PostgreSQL copies by template).
        const nextBody = await intakeBodies(opened.deps);
        await opened.close();
        log(`intake at ${actual} appeals`);
        run.figures.push(...(await measureIntake(context, nextBody, actual)));
        opened = await dbs.open(main);
      }
      log(`inbox at ${actual} appeals`);
      const inbox = await measureInbox(context, opened.deps, actual);
      run.figures.push(...inbox.figures);
      run.inboxDiagnosis[String(actual)] = inbox.diagnosis;
      log(`search and dashboard at ${actual} appeals`);
      run.figures.push(...(await measureSearch(context, opened.deps, actual)));
      run.figures.push(...(await measureDashboard(context, opened.deps, actual)));
      log(`deadline sweep at ${actual} appeals`);
      const sweep = await measureSweep(context, opened.deps, actual);
      if (sweep) {
        run.figures.push(sweep.figure);
        sweeps.push({ scale: actual, per1000: sweep.per1000 });
      } else {
        run.notes.push(`no pending timers at ${actual} appeals: no sweep measured`);
      }
    } finally {
      await opened.close();
    }
  }
  if (sweeps.length >= 2) run.figures.push(sweepGrowth(context.engine, sweeps[0]!, sweeps.at(-1)!));
  const largest = profile.scales.at(-1)!;
  log(`cold start at ${largest} appeals`);
  const coldStart = await measureColdStart(context, largest);
  run.figures.push(...coldStart.figures);
  run.notes.push(...coldStart.notes);
}

async function soak(context: ScenarioContext, run: EngineRun, seconds: number, sampleSeconds: number) {
  const opened = await context.dbs.open(context.main);
  try {
    run.engineVersion = await engineVersion(opened.deps);
    run.figures.push(...(await growTo(context, opened.deps, context.profile.scales[0]!)).figures);
    const outcome = await runSoak(context, opened.deps, seconds, sampleSeconds);
    run.figures.push(...outcome.figures);
    run.soak = outcome.report;
  } finally {
    await opened.close();
  }
}

export async function benchmarkEngine(options: EngineOptions): Promise<EngineRun> {
  const { engine, profile, log } = options;
  const started = new Date();
  const run: EngineRun = {
    engine, engineVersion: '', profile: profile.name, mode: options.soakSeconds ? 'soak' : 'benchmark', date: toLocalDate(started), startedAt: started.toISOString(),
    seconds: 0, machine: { ...describeMachine(), loadAverageAtEnd: 0 }, figures: [], inboxDiagnosis: {}, notes: [],
  };
  const dbs = new BenchDatabases(engine, join(options.workDir, engine), options.dataKey, options.serverUrl);
  try {
    const main = await dbs.createDistrict('main');
    const context: ScenarioContext = { engine, dbs, main, profile, log };
    if (options.soakSeconds) await soak(context, run, options.soakSeconds, options.soakSampleSeconds ?? 30);
    else await measureScales(context, run);
  } finally {
    if (!options.keep) await dbs.dropAll();
  }
  run.seconds = (Date.now() - started.getTime()) / 1000;
  run.machine.loadAverageAtEnd = loadavg()[0]!;
  return run;
}

/** bench/results/<date>-<engine>[-quick|-soak].json */
export function writeRun(run: EngineRun, resultsDir: string): string {
  mkdirSync(resultsDir, { recursive: true });
  const suffix = run.mode === 'soak' ? '-soak' : run.profile === 'full' ? '' : `-${run.profile}`;
  const file = join(resultsDir, `${run.date}-${run.engine}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
