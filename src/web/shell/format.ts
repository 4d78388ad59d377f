// Dates and times as the district reads them: in Asia/Shanghai, whatever the browser's zone.
const ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function shanghaiParts(iso: string): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
}

/** 2026-11-26 14:05 (or with seconds). An absent time reads as an em dash. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  const p = iso ? shanghaiParts(iso) : null;
  if (!p) return '—';
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
}

/** Today's date in Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  const p = shanghaiParts(now.toISOString())!;
  return `${p.year}-${p.month}-${p.day}`;
}

/** The instant at which a Shanghai calendar day ends, as an ISO string (for "expires on"). */
export function endOfShanghaiDay(date: string): string {
  return new Date(`${date}T23:59:59+08:00`).toISOString();
}

/** The instant at which a Shanghai calendar day starts, as an ISO string (for "from" filters). */
export function startOfShanghaiDay(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}
