// Working-day calendars per jurisdiction: statutory data plus the overrides of the
// jurisdiction and every unit above it (a district closure applies to all its streets).
import { DomainError, notFound, validationError, type FieldIssue } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { addDays, dayOfWeek, endOfLocalDay, isLocalDate, toLocalDate, type LocalDate } from '../../../shared/time/local-date.ts';
import { WorkingCalendar, type CalendarOverride, type DurationUnit, type HolidayData } from '../../../shared/time/working-calendar.ts';
import { loadStatutoryHolidays } from '../../platform/calendar/chinese-days-source.ts';
import { inTransaction, type Db, type Deps } from '../../deps.ts';
import { auditedBy, canAt, requirePermission, type Actor } from '../../../shared/actor.ts';
import { findJurisdiction } from '../jurisdictions/jurisdiction.repository.ts';
import { cachedReferenceData, forgetReferenceData } from '../../platform/cache/reference-data.ts';

export function ancestorIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The package's statutory data with the years the district entered itself (a district's own entry wins). */
export function holidayDataFor(db: Db, tenantId: string): Promise<HolidayData> {
  return cachedReferenceData(tenantId, 'holidays', () => readHolidayData(db, tenantId));
}

async function readHolidayData(db: Db, tenantId: string): Promise<HolidayData> {
  const own = await db.selectFrom('statutoryYear').select(['year', 'holidays', 'workdays']).where('tenantId', '=', tenantId).execute();
  const base = loadStatutoryHolidays();
  if (own.length === 0) return base;
  const replaced = new Set(own.map((y) => String(y.year)));
  const keep = (days: Record<string, string>) => Object.fromEntries(Object.entries(days).filter(([date]) => !replaced.has(date.slice(0, 4))));
  return {
    years: [...new Set([...base.years, ...own.map((y) => y.year)])].sort((a, b) => a - b),
    holidays: Object.assign(keep(base.holidays), ...own.map((y) => JSON.parse(y.holidays) as Record<string, string>)),
    workdays: Object.assign(keep(base.workdays), ...own.map((y) => JSON.parse(y.workdays) as Record<string, string>)),
  };
}

/**
 * The working calendar of the unit at `path`. Reference data: the district's overrides are read once, and units
 * with the same overrides in force (most of them: only the district's) share one calendar.
 */
export async function calendarForPath(db: Db, tenantId: string, path: string): Promise<WorkingCalendar> {
  const all = await cachedReferenceData(tenantId, 'calendar overrides', () => readOverrides(db, tenantId));
  const above = new Set(ancestorIds(path));
  // The nearest unit's override wins over one further up (rows come sorted from the top down).
  const byDate = new Map<string, CalendarOverride>();
  for (const r of all) if (above.has(r.jurisdictionId)) byDate.set(r.override.date, r.override);
  const overrides = [...byDate.values()];
  return cachedReferenceData(tenantId, `calendar ${JSON.stringify(overrides)}`, async () => new WorkingCalendar(await holidayDataFor(db, tenantId), overrides));
}

async function readOverrides(db: Db, tenantId: string): Promise<Array<{ jurisdictionId: string; override: CalendarOverride }>> {
  const rows = await db.selectFrom('calendarOverride').innerJoin('jurisdiction', 'jurisdiction.id', 'calendarOverride.jurisdictionId')
    .select(['calendarOverride.jurisdictionId', 'calendarOverride.date', 'calendarOverride.kind', 'calendarOverride.note', 'jurisdiction.path'])
    .where('calendarOverride.tenantId', '=', tenantId).execute();
  rows.sort((a, b) => a.path.length - b.path.length || a.date.localeCompare(b.date));
  return rows.map((r) => ({ jurisdictionId: r.jurisdictionId, override: { date: r.date, kind: r.kind as CalendarOverride['kind'], ...(r.note ? { note: r.note } : {}) } }));
}

async function reachableJurisdiction(deps: Deps, actor: Actor, id: string, permission: 'calendar.read' | 'calendar.manage') {
  requirePermission(actor, permission);
  const row = await findJurisdiction(deps.db, deps.tenantId, id);
  // Reading a calendar is fine anywhere in the tenant; changing one needs the unit in reach.
  if (!row || (permission === 'calendar.manage' && !canAt(actor, permission, row.path))) throw notFound('Jurisdiction');
  return row;
}

export async function calendarYear(deps: Deps, actor: Actor, jurisdictionId: string, year: number) {
  const unit = await reachableJurisdiction(deps, actor, jurisdictionId, 'calendar.read');
  const calendar = await calendarForPath(deps.db, deps.tenantId, unit.path);
  const covered = (await holidayDataFor(deps.db, deps.tenantId)).years.includes(year);
  const overrides = await deps.db.selectFrom('calendarOverride').select(['id', 'date', 'kind', 'note'])
    .where('jurisdictionId', '=', jurisdictionId).where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').execute();
  const days: Array<{ date: LocalDate; working: boolean; reason: string; name?: string }> = [];
  if (covered) {
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
      const kind = calendar.dayKind(d);
      const ordinary = kind.reason === 'weekday' || kind.reason === 'weekend';
      if (!ordinary) days.push({ date: d, working: kind.working, reason: kind.reason, ...(kind.name ? { name: kind.name } : {}) });
    }
  }
  return { year, jurisdictionId, covered, days, overrides };
}

export async function putOverride(deps: Deps, actor: Actor, input: { jurisdictionId: string; date: string; kind: 'workday' | 'restday'; note?: string | undefined }, requestId: string) {
  await reachableJurisdiction(deps, actor, input.jurisdictionId, 'calendar.manage');
  return inTransaction(deps, async (trx, audit) => {
    const existing = await trx.selectFrom('calendarOverride').select('id').where('jurisdictionId', '=', input.jurisdictionId).where('date', '=', input.date).executeTakeFirst();
    const id = existing?.id ?? newId();
    if (existing) {
      await trx.updateTable('calendarOverride').set({ kind: input.kind, note: input.note ?? null }).where('id', '=', id).execute();
    } else {
      await trx.insertInto('calendarOverride').values({ id, tenantId: deps.tenantId, jurisdictionId: input.jurisdictionId, date: input.date, kind: input.kind, note: input.note ?? null, createdAt: deps.clock.now().toISOString() }).execute();
    }
    audit({ ...auditedBy(actor), action: 'calendar.override', objectType: 'jurisdiction', objectId: input.jurisdictionId, requestId, detail: { date: input.date, kind: input.kind, note: input.note ?? null } });
    return { id, date: input.date, kind: input.kind, note: input.note ?? null };
  }).finally(() => forgetReferenceData(deps.tenantId));
}

export async function deleteOverride(deps: Deps, actor: Actor, id: string, requestId: string) {
  requirePermission(actor, 'calendar.manage');
  const row = await deps.db.selectFrom('calendarOverride').selectAll().where('id', '=', id).where('tenantId', '=', deps.tenantId).executeTakeFirst();
  if (!row) throw notFound('Calendar override');
  await reachableJurisdiction(deps, actor, row.jurisdictionId, 'calendar.manage');
  await inTransaction(deps, async (trx, audit) => {
    await trx.deleteFrom('calendarOverride').where('id', '=', id).execute();
    audit({ ...auditedBy(actor), action: 'calendar.override_delete', objectType: 'jurisdiction', objectId: row.jurisdictionId, requestId, detail: { date: row.date } });
  }).finally(() => forgetReferenceData(deps.tenantId));
}

/** CSV lines `date,kind,note`; a header line is allowed. All lines are checked before any is stored. */
export function parseOverridesCsv(csv: string): CalendarOverride[] {
  const issues: FieldIssue[] = [];
  const out: CalendarOverride[] = [];
  const lines = csv.split(/\r?\n/);
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || (i === 0 && /^date\s*,/i.test(trimmed))) return;
    const [date = '', kind = '', ...rest] = trimmed.split(',').map((c) => c.trim());
    if (!isLocalDate(date)) issues.push({ field: `body.csv.line${i + 1}`, message: `"${date}" is not a date YYYY-MM-DD` });
    else if (kind !== 'workday' && kind !== 'restday') issues.push({ field: `body.csv.line${i + 1}`, message: `kind must be workday or restday, got "${kind}"` });
    else out.push({ date, kind, ...(rest.length ? { note: rest.join(',').slice(0, 200) } : {}) });
  });
  if (issues.length) throw validationError(issues, 'Some lines of the file are not valid; nothing was imported');
  if (out.length === 0) throw validationError([{ field: 'body.csv', message: 'The file has no override lines' }]);
  if (out.length > 1000) throw validationError([{ field: 'body.csv', message: 'At most 1000 lines at a time' }]);
  return out;
}

export async function importOverrides(deps: Deps, actor: Actor, jurisdictionId: string, csv: string, requestId: string) {
  await reachableJurisdiction(deps, actor, jurisdictionId, 'calendar.manage');
  const overrides = parseOverridesCsv(csv);
  await inTransaction(deps, async (trx, audit) => {
    const dates = overrides.map((o) => o.date);
    await trx.deleteFrom('calendarOverride').where('jurisdictionId', '=', jurisdictionId).where('date', 'in', dates).execute();
    const now = deps.clock.now().toISOString();
    await trx.insertInto('calendarOverride').values(overrides.map((o) => ({
      id: newId(), tenantId: deps.tenantId, jurisdictionId, date: o.date, kind: o.kind, note: o.note ?? null, createdAt: now,
    }))).execute();
    audit({ ...auditedBy(actor), action: 'calendar.import', objectType: 'jurisdiction', objectId: jurisdictionId, requestId, detail: { count: overrides.length } });
  }).finally(() => forgetReferenceData(deps.tenantId));
  return { imported: overrides.length };
}

export async function dueDate(deps: Deps, actor: Actor, input: { jurisdictionId: string; from: LocalDate; amount: number; unit: Extract<DurationUnit, 'working_day' | 'calendar_day'> }) {
  const unit = await reachableJurisdiction(deps, actor, input.jurisdictionId, 'calendar.read');
  const calendar = await calendarForPath(deps.db, deps.tenantId, unit.path);
  const due = input.unit === 'working_day' ? calendar.addWorkingDays(input.from, input.amount) : calendar.addCalendarDays(input.from, input.amount);
  return { dueDate: due, dueAt: endOfLocalDay(due).toISOString(), weekday: dayOfWeek(due) };
}

export interface StatutoryDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** Which years the calendar knows, and whether next year's arrangement is still missing. */
export async function statutoryYears(deps: Deps, actor: Actor) {
  requirePermission(actor, 'calendar.read');
  const own = await deps.db.selectFrom('statutoryYear').select(['year', 'source', 'updatedAt']).where('tenantId', '=', deps.tenantId).orderBy('year').execute();
  const packaged = loadStatutoryHolidays().years;
  const years = [...new Set([...packaged, ...own.map((y) => y.year)])].sort((a, b) => a - b);
  const thisYear = Number(toLocalDate(deps.clock.now()).slice(0, 4));
  return {
    years: years.map((year) => {
      const entered = own.find((y) => y.year === year);
      return { year, source: entered ? 'district' : 'package', note: entered?.source ?? null, updatedAt: entered?.updatedAt ?? null };
    }),
    // Statutory periods started late in the year end in the next one: warn from October on.
    nextYearMissing: !years.includes(thisYear + 1),
    /** the year the warning is about (the district's next calendar year), whether or not it is missing */
    nextYear: thisYear + 1,
    warnNextYear: !years.includes(thisYear + 1) && toLocalDate(deps.clock.now()) >= `${thisYear}-10-01`,
  };
}

/** Enters (or replaces) a year's official holiday arrangement; checked as a whole before anything is stored. */
export async function putStatutoryYear(deps: Deps, actor: Actor, year: number, input: { source: string; days: StatutoryDay[] }, requestId: string) {
  requirePermission(actor, 'calendar.manage');
  const root = await deps.db.selectFrom('jurisdiction').select('path').where('tenantId', '=', deps.tenantId).where('parentId', 'is', null).executeTakeFirstOrThrow();
  if (!canAt(actor, 'calendar.manage', root.path)) throw new DomainError('forbidden', 'Only the district enters the statutory holiday arrangement', { permission: 'calendar.manage' });
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.days.forEach((day, i) => {
    if (!day.date.startsWith(`${year}-`)) issues.push({ field: `body.days.${i}.date`, message: `Not a day of ${year}` });
    if (seen.has(day.date)) issues.push({ field: `body.days.${i}.date`, message: 'This day is listed twice' });
    seen.add(day.date);
    const weekend = [0, 6].includes(dayOfWeek(day.date));
    if (day.kind === 'workday' && !weekend) issues.push({ field: `body.days.${i}.kind`, message: 'A make-up working day falls on a Saturday or Sunday' });
  });
  if (!input.days.some((d) => d.kind === 'holiday')) issues.push({ field: 'body.days', message: 'The arrangement lists no holiday' });
  if (issues.length) throw validationError(issues, 'The arrangement has errors; nothing was stored');
  const holidays = Object.fromEntries(input.days.filter((d) => d.kind === 'holiday').map((d) => [d.date, d.name]));
  const workdays = Object.fromEntries(input.days.filter((d) => d.kind === 'workday').map((d) => [d.date, d.name]));
  await inTransaction(deps, async (trx, audit) => {
    await trx.deleteFrom('statutoryYear').where('tenantId', '=', deps.tenantId).where('year', '=', year).execute();
    await trx.insertInto('statutoryYear').values({ tenantId: deps.tenantId, year, holidays: JSON.stringify(holidays), workdays: JSON.stringify(workdays), source: input.source, updatedAt: deps.clock.now().toISOString() }).execute();
    audit({ ...auditedBy(actor), action: 'calendar.statutory_year', objectType: 'calendar', objectId: String(year), requestId, detail: { source: input.source, holidays: Object.keys(holidays).length, workdays: Object.keys(workdays).length } });
  }).finally(() => forgetReferenceData(deps.tenantId));
  return { year, holidays: Object.keys(holidays).length, workdays: Object.keys(workdays).length };
}
