import { describe, expect, it } from 'vitest';
import { calendarDueCommand } from '../../src/server/platform/calendar/due-command.ts';

function run(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = calendarDueCommand(args, (line) => stdout.push(line), (line) => stderr.push(line));
  return { code, stdout, stderr };
}

describe('minsheng calendar due', () => {
  it.each([
    [['--from', '2026-02-13', '--working-days', '2'], '2026-02-24'],
    [['--from', '2026-09-30', '--working-days', '3'], '2026-10-10'],
    [['--working-days=20', '--from=2026-09-15'], '2026-10-19'],
    [['--from', '2026-02-10', '--calendar-days', '7'], '2026-02-24'],
    [['--from', '2026-09-13', '--calendar-days', '7'], '2026-09-20'],
    [['--from', '2026-03-02', '--working-days', '0'], '2026-03-02'],
  ])('%j prints %s', (args, due) => {
    expect(run(...args)).toEqual({ code: 0, stdout: [due], stderr: [] });
  });

  it('prints usage for --help', () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = run(flag);
      expect(code).toBe(0);
      expect(stdout[0]).toBe('Usage: minsheng calendar due --from <YYYY-MM-DD> (--working-days <n> | --calendar-days <n>)');
      expect(stdout.join('\n')).toContain('Art. 203');
      expect(stderr).toEqual([]);
    }
  });

  it.each([
    [[], 'calendar due: Missing --from <YYYY-MM-DD>'],
    [['--from', '2026-03-02'], 'calendar due: Missing --working-days <n> or --calendar-days <n>'],
    [['--from', '2026-03-02', '--working-days', '1', '--calendar-days', '1'], 'calendar due: Give either --working-days or --calendar-days, not both'],
    [['--from', '2026-03-02', '--working-days', '1.5'], 'calendar due: --working-days must be a whole number of days, got "1.5"'],
    [['--from', '2026-03-02', '--calendar-days', 'ten'], 'calendar due: --calendar-days must be a whole number of days, got "ten"'],
    [['--from', '2026-02-30', '--working-days', '1'], 'calendar due: --from: 2026-02-30 is not a calendar date'],
    [['--from', '02/03/2026', '--working-days', '1'], 'calendar due: --from: must be a date in the form YYYY-MM-DD, got "02/03/2026"'],
    [['--from', '2026-03-02', '--weeks', '1'], "calendar due: Unknown option '--weeks'"],
    [['due', '--from', '2026-03-02', '--working-days', '1'], 'calendar due: Unexpected argument'],
  ])('%j is refused with exit code 2', (args, message) => {
    const { code, stdout, stderr } = run(...args);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr[0]).toContain(message);
    expect(stderr.at(-1)).toMatch(/^Usage: minsheng calendar due/);
  });

  it.each([
    [['--from', '2031-03-03', '--working-days', '1'], 2031],
    [['--from', '2003-12-31', '--calendar-days', '1'], 2003],
    [['--from', '2026-12-28', '--working-days', '5'], 2027],
  ])('%j fails with exit code 1 for a year without holiday data', (args, year) => {
    const { code, stdout, stderr } = run(...args);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual([expect.stringContaining(`No holiday data for ${year}: the working-day calendar covers 2004–2026`)]);
  });
});
