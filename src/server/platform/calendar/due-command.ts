// `minsheng calendar due`: the due date of a statutory period on the statutory calendar, for staff who need
// to check a deadline by hand. `args` are the words after `calendar due`.

import { parseArgs } from 'node:util';
import { DomainError } from '../../../shared/errors.ts';
import { parseLocalDate } from '../../../shared/time/local-date.ts';
import { statutoryCalendar } from './chinese-days-source.ts';

const USAGE = [
  'Usage: minsheng calendar due --from <YYYY-MM-DD> (--working-days <n> | --calendar-days <n>)',
  '',
  'Prints the due date (YYYY-MM-DD) of a period that starts on --from. The start day is not counted',
  '(Civil Code Art. 201); a period in calendar days that ends on a rest day ends on the next working day',
  '(Art. 203). Weekends and statutory holidays are rest days; make-up workdays (调休) are working days.',
  '',
  'Exit codes: 0 printed, 1 no holiday data for a year the period reaches, 2 bad arguments.',
];

const writeStderr = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export function calendarDueCommand(args: string[], out: (line: string) => void, err: (line: string) => void = writeStderr): number {
  let values: ReturnType<typeof parseDueArgs>;
  try {
    values = parseDueArgs(args);
  } catch (e) {
    return usageError(err, e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    USAGE.forEach((line) => out(line));
    return 0;
  }

  const workingDays = values['working-days'];
  const calendarDays = values['calendar-days'];
  if (values.from === undefined) return usageError(err, 'Missing --from <YYYY-MM-DD>');
  if (workingDays !== undefined && calendarDays !== undefined) {
    return usageError(err, 'Give either --working-days or --calendar-days, not both');
  }
  const amountOption = workingDays !== undefined ? '--working-days' : '--calendar-days';
  const amountText = workingDays ?? calendarDays;
  if (amountText === undefined) return usageError(err, 'Missing --working-days <n> or --calendar-days <n>');
  if (!/^\d{1,6}$/.test(amountText)) {
    return usageError(err, `${amountOption} must be a whole number of days, got "${amountText}"`);
  }

  try {
    const from = parseLocalDate(values.from, '--from');
    const amount = Number(amountText);
    const calendar = statutoryCalendar();
    out(workingDays !== undefined ? calendar.addWorkingDays(from, amount) : calendar.addCalendarDays(from, amount));
    return 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.code === 'calendar_year_not_covered') {
      err(e.message);
      return 1;
    }
    return usageError(err, e.message);
  }
}

function parseDueArgs(args: string[]) {
  const options = {
    from: { type: 'string' },
    'working-days': { type: 'string' },
    'calendar-days': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
}

function usageError(err: (line: string) => void, message: string): number {
  err(`calendar due: ${message}`);
  err(USAGE[0]!);
  return 2;
}
