// `minsheng bench generate --cases N`: synthetic appeals at city scale over the demo district, fast enough
// for a million cases in minutes on either engine.
//
// A pool of template appeals is lived through the appeal module's own machine by the demo generator
// (seedDemoAppeals: real decide/evolve, clocks acted on as the deadline engine would), in a scratch in-memory
// SQLite holding a copy of the district's configuration with the same ids (jurisdictions, staff, calendars,
// settings, routing). The pool is then stamped out in bulk: every copy gets fresh ids, tracking codes and
// callers (new synthetic phone numbers, encrypted with the district's key), and its timeline moved back in
// time — by a few seconds per copy in the latest year, or by 52 weeks (weekdays and seasons hold) into the
// year before, where only lives that are over go, since an appeal still open after a year is not what the
// deadline engine leaves behind. Each copy is written in one transaction with multi-row inserts: the case
// rows, their events, pending timers, the appeal_record projection and the full-text index rows, as
// applyCommand and projectAppeal would have written them; one audit row records the run.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { openDeps } from '../server/main.ts';
import type { Db, Deps } from '../server/deps.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { migrateToLatest } from '../server/platform/db/migrator.ts';
import { allMigrations } from '../server/migrations.ts';
import { appendAudit, initAuditHead } from '../server/platform/audit/audit.repository.ts';
import { segmentForIndex } from '../server/platform/search/segmenter.ts';
import { keyFullTextRows, lastFullTextRowid } from '../server/platform/search/full-text.ts';
import type { CaseEventTable, CaseTable, CaseTimerTable, PersonTable } from '../server/platform/db/schema.ts';
import { seedDemoAppeals } from '../modules/appeal/server/appeal.demo.ts';
import { APPEAL_SEARCH_INDEX } from '../modules/appeal/server/appeal.migrations.ts';
import type { AppealCategoryTermTable, AppealRecordTable, AppealTables } from '../modules/appeal/server/appeal.tables.ts';
import { DomainError } from '../shared/errors.ts';
import { systemClock } from '../shared/time/clock.ts';
import { toLocalDate } from '../shared/time/local-date.ts';

export const BENCH_HELP = 'minsheng bench generate --cases N [--seed N] [--templates N]\n'
  + '  Add N synthetic appeals over two years to the demo district (an empty database gets the demo district first).';

export interface GenerateOptions {
  /** seed of the template pool (default: from the number of appeals already stored, so runs differ) */
  seed?: number;
  /** template appeals lived through the machine before stamping (default 10,000, never more than needed) */
  templates?: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  cases: number;
  events: number;
  timers: number;
  persons: number;
  /** every row written: cases, events, timers, projections, index documents and persons */
  rows: number;
  templates: number;
  /** living the template pool through the machine */
  templateSeconds: number;
  /** stamping and writing the copies (PostgreSQL's vacuum analyze afterwards is only in `seconds`) */
  writeSeconds: number;
  seconds: number;
}

const SECOND = 1000;
const DAY = 86_400 * SECOND;
const DEFAULT_TEMPLATES = 10_000;
const MIN_TEMPLATES = 200;
/** The year before: 52 weeks, so every step stays on its weekday and in its season. */
const YEAR_SHIFT = 364 * DAY;
/** Copies within one year are spread by this much each. */
const COPY_STEP = 30 * SECOND;
const INSERT_BATCH = 1000;
/** SQLite page cache while writing (KiB). */
const BULK_LOAD_CACHE_KIB = 256 * 1024;
/** Copies written at once on PostgreSQL (each in its own transaction and connection). */
const PG_WRITERS = 2;
/** Synthetic callers of generated appeals: 1991xxxxxxx upwards (the demo uses 1990001xxxx–1990009xxxx). */
const FIRST_PHONE = 19_910_000_000;

/** The district's configuration that deciding and routing an appeal read, copied to the scratch database. */
const CONFIG_TABLES = ['tenant', 'jurisdiction', 'appUser', 'roleGrant', 'setting', 'calendarOverride', 'statutoryYear', 'appealCategory', 'appealRoutingRule'] as const;

type SearchRow = { docId: string; tenantId: string; body: string };
type BenchTables = AppealTables & { appealSearch: SearchRow };

function benchDb(db: Db) {
  return db.withTables<BenchTables>();
}

// ---- stencils: stored text with its instants and ids replaced per copy -----------------------------

const INSTANT_OR_ID = /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;

type Slot = { instant: string; ms: number } | { id: string };

function shiftInstant(iso: string, shift: number): string {
  return shift === 0 ? iso : new Date(Date.parse(iso) + shift).toISOString();
}

function shiftOptional(iso: string | null, shift: number): string | null {
  return iso === null ? null : shiftInstant(iso, shift);
}

/** JSON text split around its instants (shifted per copy) and the ids of cases and callers (renamed per copy). */
class Stencil {
  readonly #parts: string[] = [];
  readonly #slots: Slot[] = [];

  constructor(text: string, renamed: ReadonlySet<string>) {
    let literal = '';
    let last = 0;
    for (const match of text.matchAll(INSTANT_OR_ID)) {
      const [whole, instant, id] = match;
      literal += text.slice(last, match.index);
      last = match.index + whole.length;
      if (instant) this.#push(literal, { instant, ms: Date.parse(instant) });
      else if (id && renamed.has(id)) this.#push(literal, { id });
      else {
        literal += whole;
        continue;
      }
      literal = '';
    }
    this.#parts.push(literal + text.slice(last));
  }

  #push(literal: string, slot: Slot) {
    this.#parts.push(literal);
    this.#slots.push(slot);
  }

  render(shift: number, rename: (id: string) => string): string {
    let out = this.#parts[0]!;
    for (let i = 0; i < this.#slots.length; i++) {
      const slot = this.#slots[i]!;
      out += ('id' in slot ? rename(slot.id) : shift === 0 ? slot.instant : new Date(slot.ms + shift).toISOString()) + this.#parts[i + 1]!;
    }
    return out;
  }
}

// ---- the template pool ----------------------------------------------------------------------------

interface Template {
  row: CaseTable;
  data: Stencil;
  record: AppealRecordTable;
  events: Array<{ row: CaseEventTable; data: Stencil }>;
  timers: CaseTimerTable[];
  /** index tokens of the appeal's text without its tracking code (the copy's code is added per copy) */
  searchTokens: string[];
}

interface TemplateGroup {
  /** a parent appeal first, then the duplicates merged into it */
  members: Template[];
  open: boolean;
  /** raised by a resident with an account: kept in the first copy only, so no demo resident collects thousands */
  ownedByAccount: boolean;
}

interface TemplatePool {
  groups: TemplateGroup[];
  persons: Map<string, PersonTable>;
  terms: AppealCategoryTermTable[];
  size: number;
}

/** The district's configuration, with the same ids, in a scratch in-memory SQLite. */
async function scratchDistrict(deps: Deps) {
  const scratch = openDatabase({ sqlitePath: ':memory:' });
  await migrateToLatest(scratch.db, scratch.engine, allMigrations(deps.modules));
  // Table names come from CONFIG_TABLES: the copy is generic over them.
  const source = deps.db as Kysely<any>;
  const target = scratch.db as Kysely<any>;
  const copy = async (table: string, rows: Record<string, unknown>[]) => {
    for (let i = 0; i < rows.length; i += 100) await target.insertInto(table).values(rows.slice(i, i + 100)).execute();
  };
  for (const table of CONFIG_TABLES) {
    // Parents before children: jurisdictions by the depth of their path; app users need their persons first.
    const rows = table === 'jurisdiction'
      ? await source.selectFrom('jurisdiction').selectAll().orderBy(sql`length(path)`).orderBy('id').execute()
      : await source.selectFrom(table).selectAll().execute();
    if (table === 'appUser') {
      const personIds = rows.map((r) => r.personId as string | null).filter((id): id is string => id !== null);
      for (let i = 0; i < personIds.length; i += 500) {
        await copy('person', await source.selectFrom('person').selectAll().where('id', 'in', personIds.slice(i, i + 500)).execute());
      }
    }
    await copy(table, rows);
  }
  await initAuditHead(scratch.db, deps.tenantId);
  const scratchDeps: Deps = { ...deps, db: scratch.db, engine: scratch.engine };
  return { deps: scratchDeps, close: scratch.close };
}

function groupTemplates(templates: Map<string, Template>): TemplateGroup[] {
  const rootOf = (t: Template): Template => {
    let current = t;
    for (let parent = templates.get(current.record.parentId ?? ''); parent && parent !== t; parent = templates.get(parent.record.parentId ?? '')) current = parent;
    return current;
  };
  const byRoot = new Map<string, Template[]>();
  for (const t of templates.values()) {
    const root = rootOf(t);
    const members = byRoot.get(root.row.id) ?? [];
    if (root === t) members.unshift(t);
    else members.push(t);
    byRoot.set(root.row.id, members);
  }
  return [...byRoot.values()].map((members) => ({
    members,
    open: members.some((m) => m.row.stateCategory === 'open'),
    ownedByAccount: members.some((m) => m.row.requesterUserId !== null),
  }));
}

/** Index tokens of the text without the tracking code, as segmentForIndex(searchText) has them after the code. */
function searchTokensWithoutCode(body: string, trackingCode: string, ownText: string): string[] {
  const codeTokens = segmentForIndex(trackingCode).split(' ');
  const tokens = body.split(' ');
  const rest = tokens.filter((token) => !codeTokens.includes(token));
  // A code token that the text also contains (a lone digit, say) belongs to the text as well.
  const textTokens = new Set(segmentForIndex(ownText).split(' '));
  return [...rest, ...codeTokens.filter((token) => tokens.includes(token) && textTokens.has(token))];
}

async function livePool(deps: Deps, size: number, seed: number, now: Date): Promise<TemplatePool> {
  const scratch = await scratchDistrict(deps);
  try {
    const copiedPersons = new Set((await scratch.deps.db.selectFrom('person').select('id').execute()).map((p) => p.id));
    await seedDemoAppeals(scratch.deps, { count: size, now, seed });
    const db = benchDb(scratch.deps.db);
    const rows = await db.selectFrom('case').selectAll().execute();
    const persons = new Map((await db.selectFrom('person').selectAll().execute()).filter((p) => !copiedPersons.has(p.id)).map((p) => [p.id, p]));
    const renamed = new Set([...rows.map((r) => r.id), ...persons.keys()]);
    const events = new Map<string, CaseEventTable[]>();
    for (const e of await db.selectFrom('caseEvent').selectAll().orderBy('caseId').orderBy('seq').execute()) {
      events.set(e.caseId, [...(events.get(e.caseId) ?? []), e]);
    }
    const timers = new Map<string, CaseTimerTable[]>();
    for (const t of await db.selectFrom('caseTimer').selectAll().where('firedAt', 'is', null).execute()) timers.set(t.caseId, [...(timers.get(t.caseId) ?? []), t]);
    const records = new Map((await db.selectFrom('appealRecord').selectAll().execute()).map((r) => [r.caseId, r]));
    const bodies = new Map((await db.selectFrom('appealSearch').select(['docId', 'body']).execute()).map((d) => [d.docId, d.body]));
    const templates = new Map<string, Template>();
    for (const row of rows) {
      const record = records.get(row.id);
      if (!record) throw new Error(`Template ${row.trackingCode} has no appeal_record`);
      const caseEvents = events.get(row.id) ?? [];
      const data = JSON.parse(row.data) as { description: string };
      const replies = caseEvents.filter((e) => e.type === 'replied' || e.type === 'parent_replied').map((e) => String((JSON.parse(e.data) as { text?: string }).text ?? ''));
      const ownText = [row.title, data.description, row.locationText ?? '', ...replies].join(' ');
      templates.set(row.id, {
        row, record, data: new Stencil(row.data, renamed),
        events: caseEvents.map((e) => ({ row: e, data: new Stencil(e.data, renamed) })),
        timers: timers.get(row.id) ?? [],
        searchTokens: searchTokensWithoutCode(bodies.get(row.id) ?? '', row.trackingCode, ownText),
      });
    }
    const terms = await db.selectFrom('appealCategoryTerm').selectAll().execute();
    return { groups: groupTemplates(templates), persons, terms, size: rows.length };
  } finally {
    await scratch.close();
  }
}

// ---- stamping copies ------------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * UUIDv7 ids and tracking-code suffixes in the formats of src/shared/ids.ts, drawn from a large buffer of
 * random bytes: newId() asks the system for 16 bytes per id, which is most of the cost of stamping millions.
 */
class RandomMint {
  #bytes = new Uint8Array(0);
  #offset = 0;

  #take(count: number): number {
    if (this.#offset + count > this.#bytes.length) {
      this.#bytes = new Uint8Array(65_536);
      globalThis.crypto.getRandomValues(this.#bytes);
      this.#offset = 0;
    }
    const at = this.#offset;
    this.#offset += count;
    return at;
  }

  /** A time-ordered id for `ms`, as newId(ms) makes. */
  id(ms: number): string {
    const at = this.#take(10);
    const b = this.#bytes;
    let time = '';
    for (let shift = 40; shift >= 0; shift -= 8) time += HEX[Math.floor(ms / 2 ** shift) % 256];
    const id = `${time.slice(0, 8)}-${time.slice(8)}-${HEX[0x70 | (b[at]! & 0x0f)]}${HEX[b[at + 1]!]}-${HEX[0x80 | (b[at + 2]! & 0x3f)]}${HEX[b[at + 3]!]}-`
      + `${HEX[b[at + 4]!]}${HEX[b[at + 5]!]}${HEX[b[at + 6]!]}${HEX[b[at + 7]!]}${HEX[b[at + 8]!]}${HEX[b[at + 9]!]}`;
    return id;
  }

  /** Random Crockford base-32 text, as randomCode() makes. */
  code(length: number): string {
    const at = this.#take(length);
    let out = '';
    for (let i = 0; i < length; i++) out += CROCKFORD[this.#bytes[at + i]! % 32];
    return out;
  }
}

/** A small deterministic generator (mulberry32) for the order in which groups are stamped. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface CopyRows {
  persons: PersonTable[];
  cases: CaseTable[];
  events: CaseEventTable[];
  timers: CaseTimerTable[];
  records: AppealRecordTable[];
  search: SearchRow[];
}

class Stamper {
  readonly #mint = new RandomMint();
  #nextPhone: number;

  constructor(readonly deps: Deps, readonly pool: TemplatePool, readonly trackingCodes: Set<string>, firstPhone: number) {
    this.#nextPhone = firstPhone;
  }

  /** Copy `copy` (0, 1, 2 …): even copies lie in the latest year, odd ones 52 weeks before. */
  static shiftOf(copy: number): number {
    return -(copy % 2) * YEAR_SHIFT - Math.floor(copy / 2) * COPY_STEP;
  }

  static accepts(copy: number, group: TemplateGroup): boolean {
    if (copy === 0) return true;
    return !group.ownedByAccount && (copy % 2 === 0 || !group.open);
  }

  trackingCode(createdAt: string): string {
    const day = toLocalDate(new Date(createdAt)).slice(2).replaceAll('-', '');
    for (;;) {
      const code = `SQ${day}-${this.#mint.code(6)}`;
      if (!this.trackingCodes.has(code)) {
        this.trackingCodes.add(code);
        return code;
      }
    }
  }

  person(template: PersonTable, shift: number): PersonTable {
    const phone = String(this.#nextPhone++);
    const createdAt = shiftInstant(template.createdAt, shift);
    const { cipher } = this.deps;
    return {
      ...template, id: this.#mint.id(Date.parse(createdAt)), phoneEnc: cipher.encrypt(phone), phoneIndex: cipher.blindIndex('phone', phone), createdAt, updatedAt: createdAt,
    };
  }

  /** The rows of `groups` for one copy, moved by `shift`. */
  stamp(groups: TemplateGroup[], shift: number): CopyRows {
    const out: CopyRows = { persons: [], cases: [], events: [], timers: [], records: [], search: [] };
    const tenantId = this.deps.tenantId;
    const names = new Map<string, string>();
    for (const group of groups) {
      for (const t of group.members) names.set(t.row.id, this.#mint.id(Date.parse(t.row.createdAt) + shift));
    }
    const rename = (id: string): string => {
      const known = names.get(id);
      if (known) return known;
      const template = this.pool.persons.get(id);
      if (!template) return id;
      const person = this.person(template, shift);
      out.persons.push(person);
      names.set(id, person.id);
      return person.id;
    };
    for (const group of groups) {
      for (const t of group.members) {
        const id = rename(t.row.id);
        const createdAt = shiftInstant(t.row.createdAt, shift);
        const trackingCode = this.trackingCode(createdAt);
        out.cases.push({
          ...t.row, id, tenantId, trackingCode, requesterPersonId: t.row.requesterPersonId === null ? null : rename(t.row.requesterPersonId),
          dueAt: shiftOptional(t.row.dueAt, shift), data: t.data.render(shift, rename), createdAt,
          updatedAt: shiftInstant(t.row.updatedAt, shift), closedAt: shiftOptional(t.row.closedAt, shift),
        });
        for (const e of t.events) {
          const at = shiftInstant(e.row.at, shift);
          out.events.push({ ...e.row, id: this.#mint.id(Date.parse(at)), tenantId, caseId: id, data: e.data.render(shift, rename), at });
        }
        for (const timer of t.timers) {
          const timerCreatedAt = shiftInstant(timer.createdAt, shift);
          out.timers.push({ ...timer, id: this.#mint.id(Date.parse(timerCreatedAt)), tenantId, caseId: id, dueAt: shiftInstant(timer.dueAt, shift), createdAt: timerCreatedAt });
        }
        out.records.push({
          ...t.record, caseId: id, tenantId, receivedAt: shiftInstant(t.record.receivedAt, shift), signedForAt: shiftOptional(t.record.signedForAt, shift),
          // The sign-for and its limit move together, so whether it was in time is the template's.
          signedInTime: t.record.signedInTime,
          repliedAt: shiftOptional(t.record.repliedAt, shift), parentId: t.record.parentId === null ? null : rename(t.record.parentId),
        });
        out.search.push({ docId: id, tenantId, body: [...new Set([...segmentForIndex(trackingCode).split(' '), ...t.searchTokens])].join(' ') });
      }
    }
    return out;
  }
}

async function insertAll(db: Kysely<any>, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await db.insertInto(table).values(rows.slice(i, i + INSERT_BATCH)).execute();
}

const byKey = <T>(key: (row: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** One transaction per copy; rows in key order, so that each index is walked once instead of hit at random. */
async function writeCopy(deps: Deps, rows: CopyRows) {
  await deps.db.transaction().execute(async (trx) => {
    await insertAll(trx, 'person', rows.persons.sort(byKey((r) => r.id)));
    await insertAll(trx, 'case', rows.cases.sort(byKey((r) => r.id)));
    await insertAll(trx, 'caseEvent', rows.events.sort(byKey((r) => r.id)));
    await insertAll(trx, 'caseTimer', rows.timers.sort(byKey((r) => r.id)));
    await insertAll(trx, 'appealRecord', rows.records.sort(byKey((r) => r.caseId)));
    const lastRowid = await lastFullTextRowid(trx, deps.engine, APPEAL_SEARCH_INDEX);
    await insertAll(trx, 'appealSearch', rows.search.sort(byKey((r) => r.docId)));
    await keyFullTextRows(trx, deps.engine, APPEAL_SEARCH_INDEX, lastRowid);
  });
}

/**
 * Runs `work` with a large SQLite page cache on the generator's connection (a bulk load touches every index of
 * tables far larger than the default 2 MB cache), then puts the connection's setting back.
 */
async function withBulkLoadCache<T>(deps: Deps, work: () => Promise<T>): Promise<T> {
  if (deps.engine !== 'sqlite') return work();
  const { rows } = await sql<Record<string, number>>`pragma cache_size`.execute(deps.db);
  const previous = Number(Object.values(rows[0] ?? {})[0] ?? -2000);
  await sql.raw(`pragma cache_size = ${-BULK_LOAD_CACHE_KIB}`).execute(deps.db);
  try {
    return await work();
  } finally {
    await sql.raw(`pragma cache_size = ${previous}`).execute(deps.db);
  }
}

/** Stamps copies of the pool until `count` appeals are written; the counts of what was written. */
async function stampAndWrite(deps: Deps, stamper: Stamper, order: TemplateGroup[], count: number, log: (line: string) => void) {
  const totals = { cases: 0, events: 0, timers: 0, persons: 0, rows: 0 };
  const started = performance.now();
  // PostgreSQL writes one copy while the next is stamped; SQLite has one connection, so one at a time.
  const writers = deps.engine === 'postgres' ? PG_WRITERS : 1;
  const writing: Array<Promise<void>> = [];
  let written = 0;
  for (let copy = 0; totals.cases < count; copy++) {
    const left = count - totals.cases;
    const groups: TemplateGroup[] = [];
    let taken = 0;
    for (const group of order) {
      if (taken >= left) break;
      if (!Stamper.accepts(copy, group) || taken + group.members.length > left) continue;
      groups.push(group);
      taken += group.members.length;
    }
    if (groups.length === 0 && copy > 1) throw new Error('No template fits the remaining count');
    const rows = stamper.stamp(groups, Stamper.shiftOf(copy));
    if (writing.length >= writers) await writing.shift();
    const rowCount = rows.cases.length + rows.events.length + rows.timers.length + rows.records.length + rows.search.length + rows.persons.length;
    writing.push(writeCopy(deps, rows).then(() => {
      written += rowCount;
      log(`  copy ${copy}: ${rows.cases.length} appeals written (${Math.round(written / ((performance.now() - started) / 1000))} rows/s so far)`);
    }));
    totals.cases += rows.cases.length;
    totals.events += rows.events.length;
    totals.timers += rows.timers.length;
    totals.persons += rows.persons.length;
    totals.rows += rowCount;
  }
  await Promise.all(writing);
  return totals;
}

/** Adds `count` synthetic appeals to the district in `deps` (the demo district: the templates need its accounts). */
export async function generateCases(deps: Deps, count: number, options: GenerateOptions = {}): Promise<GenerateResult> {
  if (!Number.isInteger(count) || count < 1) throw new DomainError('validation_failed', 'The number of cases must be a positive whole number');
  if (APPEAL_SEARCH_INDEX !== 'appeal_search') throw new Error('The generator writes the appeal_search index table by name');
  const log = options.log ?? (() => {});
  const started = performance.now();
  const now = deps.clock.now();
  const existing = await deps.db.selectFrom('case').select('trackingCode').where('tenantId', '=', deps.tenantId).execute();
  const { persons: personCount } = await deps.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('persons')).executeTakeFirstOrThrow();
  const seed = options.seed ?? 20_261_126 + existing.length;
  const size = Math.min(options.templates ?? DEFAULT_TEMPLATES, Math.max(count, MIN_TEMPLATES));

  const pool = await livePool(deps, size, seed, now);
  const templateSeconds = (performance.now() - started) / 1000;
  log(`  ${pool.size} template appeals lived through the machine in ${templateSeconds.toFixed(1)} s`);

  const stamper = new Stamper(deps, pool, new Set(existing.map((c) => c.trackingCode)), FIRST_PHONE + Number(personCount));
  const writeStarted = performance.now();
  const totals = await withBulkLoadCache(deps, () => stampAndWrite(deps, stamper, shuffled(pool.groups, seed), count, log));

  await deps.db.transaction().execute(async (trx) => {
    // The words the pool's closed appeals taught the category suggester, once per run.
    const db = benchDb(trx);
    for (let i = 0; i < pool.terms.length; i += INSERT_BATCH) {
      await db.insertInto('appealCategoryTerm').values(pool.terms.slice(i, i + INSERT_BATCH).map((t) => ({ ...t, tenantId: deps.tenantId })))
        .onConflict((oc) => oc.columns(['tenantId', 'categoryCode', 'term']).doUpdateSet((eb) => ({ count: eb('appealCategoryTerm.count', '+', eb.ref('excluded.count')) })))
        .execute();
    }
    await appendAudit(trx, deps.engine, deps.tenantId, now.toISOString(), [{
      actorId: null, actorLabel: 'system', action: 'bench.generate', objectType: 'tenant', objectId: deps.tenantId,
      detail: { ...totals, templates: pool.size, seed },
    }]);
  });
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  if (deps.engine === 'postgres') {
    // What autovacuum does after a bulk load, done now so that query plans do not depend on when it ran.
    for (const table of ['person', 'case', 'case_event', 'case_timer', 'appeal_record', 'appeal_search']) await sql`vacuum analyze ${sql.table(table)}`.execute(deps.db);
  }
  return { ...totals, templates: pool.size, templateSeconds, writeSeconds, seconds: (performance.now() - started) / 1000 };
}

/** `minsheng bench generate --cases N [--seed N] [--templates N]` */
export async function benchCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'generate') {
    console.error(BENCH_HELP);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { cases: { type: 'string' }, seed: { type: 'string' }, templates: { type: 'string' } } });
  const whole = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new DomainError('validation_failed', `--${name} must be a positive whole number`);
    return n;
  };
  const cases = whole(values.cases, 'cases');
  if (cases === undefined) throw new DomainError('validation_failed', '--cases N is required');
  const seed = whole(values.seed, 'seed');
  const templates = whole(values.templates, 'templates');
  const { deps, tenant, close } = await openDeps(loadConfig(), systemClock);
  try {
    if (!tenant.demo) throw new DomainError('validation_failed', 'bench generate works on the demo district: run it on an empty database or one made by `minsheng seed`');
    const result = await generateCases(deps, cases, { ...(seed ? { seed } : {}), ...(templates ? { templates } : {}), log: (line) => console.log(line) });
    console.log(`Generated ${result.cases} appeals (${result.events} events, ${result.timers} pending timers, ${result.persons} callers) in ${result.seconds.toFixed(1)} s: `
      + `${Math.round(result.rows / result.writeSeconds)} rows/s written.`);
    return 0;
  } finally {
    await close();
  }
}
