// The full appeal intake path over HTTP (POST /api/appeals: validation, place, routing, duplicate check, case +
// event + projection + search index + audit in one transaction) against a bare route inserting one row into the
// same engine, with the same load tool, concurrency and request bodies. The app runs on a copy of the main
// database, so what intake adds does not change the other figures.
import { sql } from 'kysely';
import type { Deps } from '../../src/server/deps.ts';
import { appealDb } from '../../src/modules/appeal/server/appeal.intake.ts';
import { figure, type Figure } from '../lib/figures.ts';
import { runLoad, type LoadResult } from '../lib/load.ts';
import { BENCH_SERVERS, startServer, type RunningServer } from '../lib/processes.ts';
import { median } from '../lib/stats.ts';
import type { ScenarioContext } from './context.ts';

const BODY_POOL = 500;
/** New callers of intake load: 1992xxxxxxx (the generator's callers are 1991xxxxxxx). */
const FIRST_PHONE = 19_920_000_000;

interface IntakeBody {
  categoryCode: string;
  title: string;
  description: string;
  location: { lng: number; lat: number } | { communityId: string };
  address?: string;
  contact: { phone: string };
}

/** Portal submissions like the stored ones (their texts, places and categories), each from a new caller. */
export async function intakeBodies(deps: Deps): Promise<() => string> {
  const rows = await appealDb(deps.db).selectFrom('case').innerJoin('appealRecord', 'appealRecord.caseId', 'case.id')
    .select(['case.title', 'case.data', 'case.lng', 'case.lat', 'case.jurisdictionId', 'case.locationText', 'appealRecord.categoryCode'])
    .where('case.tenantId', '=', deps.tenantId).orderBy(sql`random()`).limit(BODY_POOL).execute();
  if (rows.length === 0) throw new Error('Intake bodies are drawn from stored appeals, and there are none');
  const bodies = rows.map((r): Omit<IntakeBody, 'contact'> => ({
    categoryCode: r.categoryCode,
    title: r.title,
    description: (JSON.parse(r.data) as { description: string }).description,
    location: r.lng !== null && r.lat !== null ? { lng: r.lng, lat: r.lat } : { communityId: r.jurisdictionId },
    ...(r.locationText ? { address: r.locationText } : {}),
  }));
  let next = 0;
  return () => {
    const body: IntakeBody = { ...bodies[next % bodies.length]!, contact: { phone: String(FIRST_PHONE + next) } };
    next++;
    return JSON.stringify(body);
  };
}

async function assertAccepted(server: RunningServer, path: string, body: string) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
}

/** `nextBody` from intakeBodies; the main database must be closed (it is copied). */
export async function measureIntake(context: ScenarioContext, nextBody: () => string, scale: number): Promise<Figure[]> {
  const { dbs, profile, engine, log } = context;
  const appDb = await dbs.copy(context.main, 'intake');
  const bareDb = await dbs.createEmpty('bare');
  const app = await startServer(BENCH_SERVERS.app, appDb.env);
  const bare = await startServer(BENCH_SERVERS.bare, { ...bareDb.env, BENCH_BARE_TABLE: '1' });
  try {
    const targets = [{ label: 'bare', server: bare, path: '/rows' }, { label: 'app', server: app, path: '/api/appeals' }] as const;
    for (const target of targets) {
      await assertAccepted(target.server, target.path, nextBody());
      await runLoad({ url: target.server.url, path: target.path, method: 'POST', body: nextBody, connections: profile.connections, durationSeconds: profile.warmupSeconds });
    }
    const runs: Record<'bare' | 'app', LoadResult[]> = { bare: [], app: [] };
    // Alternating windows, so that a noisy neighbour hits both alike.
    for (let run = 0; run < profile.rateRuns; run++) {
      for (const target of targets) {
        const result = await runLoad({ url: target.server.url, path: target.path, method: 'POST', body: nextBody, connections: profile.connections, durationSeconds: profile.loadSeconds });
        log(`  intake ${target.label} window ${run + 1}: ${Math.round(result.throughput)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors`);
        runs[target.label].push(result);
      }
    }
    const of = (label: 'bare' | 'app', pick: (r: LoadResult) => number) => median(runs[label].map(pick));
    const detail = { connections: profile.connections, windowSeconds: profile.loadSeconds, app: runs.app, bare: runs.bare };
    const common = { scenario: 'intake', engine, scale } as const;
    return [
      figure({ ...common, name: 'POST /api/appeals throughput', unit: 'req/s', value: of('app', (r) => r.throughput), baseline: { name: 'bare insert route', value: of('bare', (r) => r.throughput) }, target: { on: 'ratio', op: '>=', limit: 0.5 }, detail }),
      figure({ ...common, name: 'POST /api/appeals p50', unit: 'ms', value: of('app', (r) => r.p50), baseline: { name: 'bare insert route', value: of('bare', (r) => r.p50) } }),
      figure({ ...common, name: 'POST /api/appeals p99', unit: 'ms', value: of('app', (r) => r.p99), baseline: { name: 'bare insert route', value: of('bare', (r) => r.p99) } }),
      figure({ ...common, name: 'errors under load', unit: 'responses', value: runs.app.reduce((n, r) => n + r.errors, 0), target: { on: 'value', op: '<=', limit: 0 } }),
    ];
  } finally {
    await app.stop();
    await bare.stop();
    await dbs.drop(appDb);
    await dbs.drop(bareDb);
  }
}
