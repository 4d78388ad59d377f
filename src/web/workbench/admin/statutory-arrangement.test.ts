import { describe, expect, it } from 'vitest';
import { parseArrangement } from './statutory-arrangement.ts';

describe('a typed holiday arrangement', () => {
  it('reads one day per line, skipping blank lines and accepting a Chinese comma or a tab', () => {
    const parsed = parseArrangement('2027-01-01,holiday,元旦\n\n2027-02-06，workday，春节调休\n2027-02-11\tholiday\t春节\n', 2027);
    expect(parsed.problems).toEqual([]);
    expect(parsed.days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'workday', name: '春节调休' },
      { date: '2027-02-11', kind: 'holiday', name: '春节' },
    ]);
    expect(parsed.lines).toEqual([1, 3, 4]);
  });

  it('names the line of each problem', () => {
    const text = [
      '2027-01-01,holiday',
      '2027-02-30,holiday,春节',
      '2026-12-31,holiday,元旦',
      '2027-01-01,holiday,元旦',
      '2027-01-02,holiday,元旦',
      '2027-01-02,holiday,again',
      '2027-01-04,rest,元旦',
      '2027-01-05,workday,调休',
      `2027-01-09,workday,${'长'.repeat(51)}`,
    ].join('\n');
    expect(parseArrangement(text, 2027).problems).toEqual([
      { line: 1, problem: 'statutory.problem.fields' },
      { line: 2, problem: 'statutory.problem.date' },
      { line: 3, problem: 'statutory.problem.year' },
      { line: 6, problem: 'statutory.problem.twice' },
      { line: 7, problem: 'statutory.problem.kind' },
      { line: 8, problem: 'statutory.problem.weekday' },
      { line: 9, problem: 'statutory.problem.name' },
    ]);
  });

  it('wants at least one holiday', () => {
    expect(parseArrangement('2027-01-09,workday,调休', 2027).problems).toEqual([{ line: null, problem: 'statutory.problem.noHoliday' }]);
  });
});
