// A year's official holiday arrangement as an administrator types or pastes it: one day per line,
// `date,holiday|workday,name`. Checked here line by line (the server checks again) so each problem can be
// shown against its line.
import type { StatutoryDay } from '../../api/shell.types.ts';
import type { MessageKey } from '../../shell/locales/index.ts';

export const MAX_DAY_NAME = 50;

export interface LineProblem {
  /** the text's line (from 1); null when the problem is the arrangement as a whole */
  line: number | null;
  problem: MessageKey;
}

interface Arrangement {
  days: StatutoryDay[];
  /** the text's line of each day, for placing what the server says about `days.<i>` */
  lines: number[];
  problems: LineProblem[];
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** Reads the lines of `year`'s arrangement; blank lines are skipped, and a Chinese comma or a tab also separates. */
export function parseArrangement(text: string, year: number): Arrangement {
  const days: StatutoryDay[] = [];
  const lines: number[] = [];
  const problems: LineProblem[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    const problem = (key: MessageKey) => problems.push({ line, problem: key });
    const fields = raw.split(/[,，\t]/).map((f) => f.trim());
    if (fields.length !== 3) return problem('statutory.problem.fields');
    const [date = '', kind = '', name = ''] = fields;
    if (!isRealDate(date)) return problem('statutory.problem.date');
    if (!date.startsWith(`${year}-`)) return problem('statutory.problem.year');
    if (seen.has(date)) return problem('statutory.problem.twice');
    seen.add(date);
    if (kind !== 'holiday' && kind !== 'workday') return problem('statutory.problem.kind');
    if (kind === 'workday' && !isWeekend(date)) return problem('statutory.problem.weekday');
    if (!name || name.length > MAX_DAY_NAME) return problem('statutory.problem.name');
    days.push({ date, kind, name });
    lines.push(line);
  });
  if (problems.length === 0 && !days.some((d) => d.kind === 'holiday')) problems.push({ line: null, problem: 'statutory.problem.noHoliday' });
  return { days, lines, problems };
}
