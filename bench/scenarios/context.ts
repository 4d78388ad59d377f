// What every scenario is given: the engine's databases, the main database at its current scale, the profile
// (how long and how often to measure) and a log.
import type { Engine } from '../../src/server/platform/db/database.ts';
import type { Deps } from '../../src/server/deps.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { loadStaffGrants } from '../../src/server/core/people/auth.service.ts';
import { DEMO_PASSWORD } from '../../src/server/core/jurisdictions/demo-district.data.ts';
import type { BenchDatabase, BenchDatabases } from '../lib/databases.ts';

export interface Profile {
  name: 'quick' | 'full' | 'test';
  /** appeals in the main database at each measuring point, ascending */
  scales: number[];
  /** template appeals lived through the machine per generator run */
  templates: number;
  /** seconds of each load window, and of the warm-up before a server's first window */
  loadSeconds: number;
  warmupSeconds: number;
  /** load windows per server; rates are the median over them */
  rateRuns: number;
  connections: number;
  /** sequential requests or queries per latency figure, and the seconds each may take (20 samples at least) */
  latencyIterations: number;
  latencyBudgetSeconds: number;
  coldStartRuns: number;
  /** rows of the bulk-insert baseline */
  bulkBaselineRows: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  full: { name: 'full', scales: [100_000, 1_000_000], templates: 10_000, loadSeconds: 10, warmupSeconds: 3, rateRuns: 3, connections: 50, latencyIterations: 200, latencyBudgetSeconds: 30, coldStartRuns: 3, bulkBaselineRows: 200_000 },
  quick: { name: 'quick', scales: [1000, 2000], templates: 2000, loadSeconds: 3, warmupSeconds: 1, rateRuns: 3, connections: 50, latencyIterations: 40, latencyBudgetSeconds: 5, coldStartRuns: 3, bulkBaselineRows: 20_000 },
  test: { name: 'test', scales: [200, 400], templates: 200, loadSeconds: 1, warmupSeconds: 0.5, rateRuns: 1, connections: 10, latencyIterations: 5, latencyBudgetSeconds: 2, coldStartRuns: 1, bulkBaselineRows: 2000 },
};

/** How a scenario samples a latency under this profile. */
export function samplingPlan(profile: Profile) {
  return { iterations: profile.latencyIterations, budgetMs: profile.latencyBudgetSeconds * 1000, minimum: Math.min(20, profile.latencyIterations) };
}

export interface ScenarioContext {
  engine: Engine;
  dbs: BenchDatabases;
  main: BenchDatabase;
  profile: Profile;
  log: (line: string) => void;
}

/** The street handler whose inbox the benchmarks read: 鼓楼街 (14 communities, street service centres). */
export const INBOX_USER = 'gulou.handler';
export const INBOX_PASSWORD = DEMO_PASSWORD;

/** A staff member as the auth hook would see them after signing in. */
export async function staffActor(deps: Deps, username: string): Promise<Actor & { kind: 'staff' }> {
  const user = await deps.db.selectFrom('appUser').select(['id', 'username']).where('tenantId', '=', deps.tenantId).where('username', '=', username).executeTakeFirstOrThrow();
  return { kind: 'staff', tenantId: deps.tenantId, userId: user.id, label: username, grants: await loadStaffGrants(deps, user.id), tokenScopes: null };
}
