// One street's open appeals sorted by due date, as its street handler reads them (GET /api/appeals/inbox, queue
// all_open), first page and a deep page, sequential requests against the app in a child process; the baseline
// reads the same page depth through the kernel's unit inbox index alone (one unit, no visibility OR, no count,
// no join) from a bare server. The app's resident memory after the run is a figure of its own. The statements
// appealInbox runs are captured and explained, with each one's own time, to say where the time goes.
import { CompiledQuery, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { appealInbox, type InboxQuery } from '../../src/modules/appeal/server/appeal.inbox.ts';
import type { Deps } from '../../src/server/deps.ts';
import { figure, type Figure } from '../lib/figures.ts';
import { BENCH_SERVERS, startServer } from '../lib/processes.ts';
import { sampleLatency } from '../lib/stats.ts';
import { INBOX_PASSWORD, INBOX_USER, samplingPlan, staffActor, type ScenarioContext } from './context.ts';

const PAGE_SIZE = 20;
/** The deep page the issue asks for, or the last page when the street has fewer. */
const DEEP_PAGE = 200;
const STATEMENT_RUNS = 20;

export interface StatementDiagnosis {
  sql: string;
  plan: string[];
  /** median milliseconds of this statement alone */
  p50: number;
}

/** Records the SQL of every statement run through the Kysely instance it is attached to. */
class CapturePlugin implements KyselyPlugin {
  readonly statements: CompiledQuery[] = [];

  constructor(readonly compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => CompiledQuery) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(this.compile(args.node, args.queryId));
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

async function explain(deps: Deps, statement: CompiledQuery): Promise<string[]> {
  if (deps.engine === 'sqlite') {
    const result = await deps.db.executeQuery<{ id: number; parent: number; detail: string }>(CompiledQuery.raw(`explain query plan ${statement.sql}`, [...statement.parameters]));
    const depth = new Map<number, number>([[0, -1]]);
    return result.rows.map((r) => {
      depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
      return `${'  '.repeat(depth.get(r.id)!)}${r.detail}`;
    });
  }
  const result = await deps.db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters]));
  return result.rows.map((r) => Object.values(r)[0]!);
}

/** The statements appealInbox runs for `query`, each explained and timed alone. */
export async function diagnoseInbox(deps: Deps, query: InboxQuery): Promise<StatementDiagnosis[]> {
  const actor = await staffActor(deps, INBOX_USER);
  const executor = deps.db.getExecutor();
  const capture = new CapturePlugin((node, queryId) => executor.compileQuery(node, queryId));
  await appealInbox({ ...deps, db: deps.db.withPlugin(capture) }, actor, query);
  const out: StatementDiagnosis[] = [];
  for (const statement of capture.statements) {
    const { p50 } = await sampleLatency(() => deps.db.executeQuery(statement), { iterations: STATEMENT_RUNS, warmup: 1, budgetMs: 10_000, minimum: 3 });
    out.push({ sql: statement.sql, plan: await explain(deps, statement), p50 });
  }
  return out;
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: INBOX_USER, password: INBOX_PASSWORD }) });
  if (response.status !== 200) throw new Error(`Sign-in of ${INBOX_USER} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ms_session='));
  if (!cookie) throw new Error('Sign-in set no session cookie');
  return cookie.split(';')[0]!;
}

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The unit with the most open cases: the baseline's page reads go as deep as they can. */
async function busiestUnit(deps: Deps): Promise<{ unitId: string; open: number }> {
  const row = await deps.db.selectFrom('case').select(['handlingUnitId', (eb) => eb.fn.countAll<number>().as('open')])
    .where('tenantId', '=', deps.tenantId).where('stateCategory', '=', 'open').where('handlingUnitId', 'is not', null)
    .groupBy('handlingUnitId').orderBy('open', 'desc').limit(1).executeTakeFirstOrThrow();
  return { unitId: row.handlingUnitId!, open: Number(row.open) };
}

export interface InboxOutcome {
  figures: Figure[];
  diagnosis: { firstPage: StatementDiagnosis[]; deepPage: StatementDiagnosis[]; deepPageNumber: number; openInStreet: number };
}

export async function measureInbox(context: ScenarioContext, deps: Deps, scale: number): Promise<InboxOutcome> {
  const { engine, profile } = context;
  const app = await startServer(BENCH_SERVERS.app, context.main.env);
  const bare = await startServer(BENCH_SERVERS.bare, context.main.env);
  try {
    const cookie = await signIn(app.url);
    const inboxUrl = (page: number) => `${app.url}/api/appeals/inbox?queue=all_open&page=${page}&pageSize=${PAGE_SIZE}`;
    const { total } = await getJson<{ total: number }>(inboxUrl(1), { cookie });
    const deepPage = Math.max(1, Math.min(DEEP_PAGE, Math.ceil(total / PAGE_SIZE)));
    const unit = await busiestUnit(deps);
    const idealUrl = (page: number) => `${bare.url}/cases/open-by-due?tenantId=${deps.tenantId}&unitId=${unit.unitId}&page=${page}`;

    const pages = [{ label: 'first page', page: 1 }, { label: `deep page (${deepPage})`, page: deepPage }];
    const figures: Figure[] = [];
    for (const { label, page } of pages) {
      const appLatency = await sampleLatency(() => getJson(inboxUrl(page), { cookie }), samplingPlan(profile));
      const idealLatency = await sampleLatency(() => getJson(idealUrl(page)), samplingPlan(profile));
      figures.push(figure({
        scenario: 'inbox', name: `street inbox ${label} p95`, engine, scale, unit: 'ms', value: appLatency.p95,
        baseline: { name: 'one unit by due, index only', value: idealLatency.p95 },
        target: { on: 'value', op: '<=', limit: engine === 'sqlite' ? 20 : 50 },
        detail: { app: appLatency, ideal: idealLatency, openInStreet: total, page, idealUnitOpen: unit.open },
      }));
    }
    const bareRss = bare.rssMb();
    figures.push(figure({
      scenario: 'memory', name: 'app resident memory after the inbox run', engine, scale, unit: 'MB', value: app.rssMb(),
      baseline: { name: 'bare server', value: bareRss }, target: { on: 'value', op: '<=', limit: 300 },
    }));
    const diagnosis = {
      firstPage: await diagnoseInbox(deps, { queue: 'all_open', page: 1, pageSize: PAGE_SIZE }),
      deepPage: await diagnoseInbox(deps, { queue: 'all_open', page: deepPage, pageSize: PAGE_SIZE }),
      deepPageNumber: deepPage, openInStreet: total,
    };
    return { figures, diagnosis };
  } finally {
    await app.stop();
    await bare.stop();
  }
}
