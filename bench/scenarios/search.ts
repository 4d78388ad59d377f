// Full-text search in Chinese over appeal_search: the engine's ranked search (searchDocuments, best 20) and the
// staff inbox with a search term (appealInbox q=, a street handler's open appeals), each against the bare
// index lookup (the same words through fullTextMatchSql, first 20 ids, no ranking).
import { sql } from 'kysely';
import { appealInbox } from '../../src/modules/appeal/server/appeal.inbox.ts';
import { APPEAL_SEARCH_INDEX } from '../../src/modules/appeal/server/appeal.migrations.ts';
import { fullTextMatchSql, searchDocuments } from '../../src/server/platform/search/full-text.ts';
import type { Deps } from '../../src/server/deps.ts';
import { figure, type Figure } from '../lib/figures.ts';
import { sampleLatency } from '../lib/stats.ts';
import { INBOX_USER, samplingPlan, staffActor, type ScenarioContext } from './context.ts';

/** Words residents and staff search for (common and rarer ones), and two-word queries. */
export const SEARCH_QUERIES = ['暖气', '漏水', '噪音', '停车', '垃圾', '电梯', '路灯', '物业', '燃气', '施工', '暖气 漏水', '楼道 灯'];
const RESULTS = 20;

export async function measureSearch(context: ScenarioContext, deps: Deps, scale: number): Promise<Figure[]> {
  const { engine, profile } = context;
  const query = (i: number) => SEARCH_QUERIES[i % SEARCH_QUERIES.length]!;
  const matches: Record<string, number> = {};
  for (const q of SEARCH_QUERIES) {
    const row = await sql<{ n: number }>`select count(*) as n from (${fullTextMatchSql(engine, APPEAL_SEARCH_INDEX, deps.tenantId, q)}) as matched`.execute(deps.db);
    matches[q] = Number(row.rows[0]?.n ?? 0);
  }
  const lookup = await sampleLatency((i) => sql`${fullTextMatchSql(engine, APPEAL_SEARCH_INDEX, deps.tenantId, query(i))} limit ${RESULTS}`.execute(deps.db), samplingPlan(profile));
  const ranked = await sampleLatency((i) => searchDocuments(deps.db, engine, APPEAL_SEARCH_INDEX, deps.tenantId, query(i), RESULTS), samplingPlan(profile));
  const actor = await staffActor(deps, INBOX_USER);
  const inbox = await sampleLatency((i) => appealInbox(deps, actor, { queue: 'all_open', q: query(i), page: 1, pageSize: RESULTS }), samplingPlan(profile));
  const baseline = { name: 'unranked index lookup', value: lookup.p95 };
  return [
    figure({ scenario: 'search', name: 'ranked full-text search p95', engine, scale, unit: 'ms', value: ranked.p95, baseline, detail: { ranked, lookup, matches } }),
    figure({ scenario: 'search', name: `street inbox search (${INBOX_USER}) p95`, engine, scale, unit: 'ms', value: inbox.p95, baseline, detail: { inbox } }),
  ];
}
