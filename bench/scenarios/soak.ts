// A bounded soak: intake at half the throughput measured just before, for the given time, reporting requests,
// errors, p99 and the app's resident memory every sample period. A third of the way in, a logical backup is
// written while the load runs (writeBackup, as `minsheng backup` does) and read into a fresh database
// (readBackup, as `minsheng restore` does); the restored tables are counted against the backup's counts.
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { backupTables, readBackup, writeBackup } from '../../src/cli/backup.ts';
import { sqlitePathFor } from '../../src/server/main.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { migrateToLatest } from '../../src/server/platform/db/migrator.ts';
import { allMigrations } from '../../src/server/migrations.ts';
import { caseModules } from '../../src/modules/registry.ts';
import type { Deps } from '../../src/server/deps.ts';
import type { Database } from '../../src/server/platform/db/schema.ts';
import { verifyAuditChain } from '../../src/server/platform/audit/audit.repository.ts';
import type { BenchDatabase } from '../lib/databases.ts';
import { figure, type Figure } from '../lib/figures.ts';
import { runLoad, startLoad } from '../lib/load.ts';
import { BENCH_SERVERS, startServer } from '../lib/processes.ts';
import { percentile, timeOnce } from '../lib/stats.ts';
import { intakeBodies } from './intake.ts';
import type { ScenarioContext } from './context.ts';

export interface SoakSample {
  atSeconds: number;
  requests: number;
  errors: number;
  /** the errors by HTTP status ('no response': connection error or timeout) */
  errorsByStatus: Record<string, number>;
  p99: number | null;
  rssMb: number;
}

export interface BackupCheck {
  writeSeconds: number;
  restoreSeconds: number | null;
  backupRows: number;
  /** the restore's error, when it refused the backup */
  restoreError: string | null;
  /** tables whose restored row count differs from the backup's */
  mismatches: Array<{ table: string; backup: number; restored: number }>;
  /** after a restore: the audit chain verifies, and its head names the last row (the next append needs both) */
  auditChainIntact: boolean | null;
  auditHeadAtLastRow: boolean | null;
}

export interface SoakReport {
  durationSeconds: number;
  measuredThroughput: number;
  targetRate: number;
  samples: SoakSample[];
  backup: BackupCheck;
}

/** '30m', '90s', '1h' or plain seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`A duration is a number with s, m or h, e.g. 30m; got ${text}`);
  return Number(match[1]) * ({ s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h' | undefined ?? 's']);
}

async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditState(db: Kysely<Database>) {
  const tenant = await db.selectFrom('tenant').select('id').executeTakeFirstOrThrow();
  const verdict = await verifyAuditChain(db, tenant.id);
  const head = await db.selectFrom('auditHead').select('lastSeq').where('tenantId', '=', tenant.id).executeTakeFirstOrThrow();
  const last = await db.selectFrom('auditLog').select((eb) => eb.fn.max('seq').as('seq')).where('tenantId', '=', tenant.id).executeTakeFirstOrThrow();
  return { intact: verdict.ok, headAtLastRow: head.lastSeq === Number(last.seq ?? 0) };
}

async function backupAndRestore(context: ScenarioContext, source: BenchDatabase): Promise<BackupCheck> {
  const file = join(source.env.DATA_DIR!, 'soak-backup.jsonl.gz');
  const reader = openDatabase({ databaseUrl: source.config.databaseUrl, sqlitePath: sqlitePathFor(source.config) });
  let counts: Record<string, number> = {};
  const writeMs = await timeOnce(async () => {
    counts = await writeBackup(reader.db, file);
  }).finally(() => reader.close());
  const backupRows = Object.values(counts).reduce((n, c) => n + c, 0);
  context.log(`  backup during load: ${backupRows} rows in ${(writeMs / 1000).toFixed(1)} s`);

  const target = await context.dbs.createEmpty('restore');
  const restored = openDatabase({ databaseUrl: target.config.databaseUrl, sqlitePath: sqlitePathFor(target.config) });
  try {
    await migrateToLatest(restored.db, restored.engine, allMigrations(caseModules));
    let restoreError: string | null = null;
    const restoreMs = await timeOnce(() => readBackup(restored.db, file)).catch((error: Error) => {
      restoreError = error.message.split('\n')[0]!;
      return null;
    });
    const mismatches: BackupCheck['mismatches'] = [];
    for (const table of backupTables()) {
      const restoredCount = await countRows(restored.db, table);
      if (restoredCount !== (counts[table] ?? 0)) mismatches.push({ table, backup: counts[table] ?? 0, restored: restoredCount });
    }
    const audit = restoreError ? null : await auditState(restored.db);
    context.log(restoreError ? `  restore refused the backup: ${restoreError}`
      : `  restored in ${((restoreMs ?? 0) / 1000).toFixed(1)} s, ${mismatches.length} tables differ, audit chain ${audit?.intact ? 'intact' : 'broken'}, head ${audit?.headAtLastRow ? 'at' : 'not at'} the last row`);
    return {
      writeSeconds: writeMs / 1000, restoreSeconds: restoreMs === null ? null : restoreMs / 1000, backupRows, restoreError, mismatches,
      auditChainIntact: audit?.intact ?? null, auditHeadAtLastRow: audit?.headAtLastRow ?? null,
    };
  } finally {
    await restored.close();
    await context.dbs.drop(target);
  }
}

export async function runSoak(context: ScenarioContext, deps: Deps, durationSeconds: number, sampleSeconds = 30): Promise<{ report: SoakReport; figures: Figure[] }> {
  const { engine, profile, log } = context;
  const nextBody = await intakeBodies(deps);
  const app = await startServer(BENCH_SERVERS.app, context.main.env);
  try {
    const load = { url: app.url, path: '/api/appeals', method: 'POST' as const, body: nextBody, connections: profile.connections };
    await runLoad({ ...load, durationSeconds: profile.warmupSeconds });
    const measured = await runLoad({ ...load, durationSeconds: profile.loadSeconds });
    const targetRate = Math.max(1, Math.round(measured.throughput / 2));
    log(`soak: intake measured at ${Math.round(measured.throughput)} req/s; holding ${targetRate} req/s for ${durationSeconds} s`);

    const samples: SoakSample[] = [];
    let window = { requests: 0, errors: 0, errorsByStatus: {} as Record<string, number>, latencies: [] as number[] };
    const countError = (status: string) => {
      window.errors++;
      window.errorsByStatus[status] = (window.errorsByStatus[status] ?? 0) + 1;
    };
    const started = performance.now();
    const instance = startLoad({ ...load, durationSeconds, overallRate: targetRate });
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      window.requests++;
      if (status < 200 || status >= 300) countError(String(status));
      window.latencies.push(responseTime);
    });
    instance.on('reqError', () => {
      window.requests++;
      countError('no response');
    });
    const takeSample = () => {
      const sample: SoakSample = {
        atSeconds: Math.round((performance.now() - started) / 1000), requests: window.requests, errors: window.errors, errorsByStatus: window.errorsByStatus,
        p99: window.latencies.length ? percentile(window.latencies, 99) : null, rssMb: app.rssMb(),
      };
      samples.push(sample);
      window = { requests: 0, errors: 0, errorsByStatus: {}, latencies: [] };
      log(`  soak ${sample.atSeconds} s: ${sample.requests} requests, ${sample.errors} errors, p99 ${sample.p99 === null ? '-' : sample.p99.toFixed(0)} ms, RSS ${sample.rssMb.toFixed(0)} MB`);
    };
    const sampler = setInterval(takeSample, sampleSeconds * 1000);
    const backup = new Promise<BackupCheck>((resolve, reject) => {
      setTimeout(() => void backupAndRestore(context, context.main).then(resolve, reject), (durationSeconds * 1000) / 3);
    });
    await instance;
    clearInterval(sampler);
    // The last stretch, unless the sampler just took it.
    if (window.requests > 0 || samples.length === 0) takeSample();
    const backupCheck = await backup;
    const report: SoakReport = { durationSeconds, measuredThroughput: measured.throughput, targetRate, samples, backup: backupCheck };
    const totals = samples.reduce((t, s) => ({ requests: t.requests + s.requests, errors: t.errors + s.errors }), { requests: 0, errors: 0 });
    const common = { scenario: 'soak', engine } as const;
    return {
      report,
      figures: [
        figure({ ...common, name: 'held request rate', unit: 'req/s', value: totals.requests / durationSeconds, baseline: { name: 'half the measured intake', value: targetRate }, detail: { durationSeconds, ...totals } }),
        figure({ ...common, name: 'errors during the soak', unit: 'responses', value: totals.errors, target: { on: 'value', op: '<=', limit: 0 } }),
        figure({ ...common, name: 'app resident memory at the end', unit: 'MB', value: samples.at(-1)!.rssMb, baseline: { name: 'after the first period', value: samples[0]!.rssMb }, target: { on: 'value', op: '<=', limit: 300 } }),
        figure({ ...common, name: 'backup written during load', unit: 's', value: backupCheck.writeSeconds, detail: { rows: backupCheck.backupRows } }),
        figure({
          ...common, name: 'tables differing after restore', unit: 'tables', value: backupCheck.mismatches.length,
          target: { on: 'value', op: '<=', limit: 0 },
          detail: { restoreError: backupCheck.restoreError, mismatches: backupCheck.mismatches, auditChainIntact: backupCheck.auditChainIntact, auditHeadAtLastRow: backupCheck.auditHeadAtLastRow },
        }),
      ],
    };
  } finally {
    await app.stop();
  }
}

