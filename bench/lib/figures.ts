// A figure is one measured number, with the baseline measured in the same run and the target it is held to.

export interface Target {
  /** what the target bounds: the absolute value or its ratio to the baseline */
  on: 'value' | 'ratio';
  op: '<=' | '>=';
  limit: number;
}

export interface Figure {
  scenario: string;
  name: string;
  engine: string;
  /** appeals in the database when measured (absent where size does not matter) */
  scale?: number;
  unit: string;
  value: number;
  baseline?: { name: string; value: number };
  /** value ÷ baseline */
  ratio?: number;
  target?: Target;
  met?: boolean;
  /** numbers that explain the figure (counts, per-run values, pages) */
  detail?: Record<string, unknown>;
}

export function figure(input: Omit<Figure, 'ratio' | 'met'>): Figure {
  const ratio = input.baseline && input.baseline.value > 0 ? input.value / input.baseline.value : undefined;
  const bounded = input.target?.on === 'ratio' ? ratio : input.value;
  const met = input.target && bounded !== undefined ? (input.target.op === '<=' ? bounded <= input.target.limit : bounded >= input.target.limit) : undefined;
  return { ...input, ...(ratio !== undefined ? { ratio } : {}), ...(met !== undefined ? { met } : {}) };
}

function formatNumber(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatScale(scale: number | undefined): string {
  if (scale === undefined) return '';
  return scale >= 1_000_000 ? `${scale / 1_000_000}M` : scale >= 1000 ? `${scale / 1000}k` : String(scale);
}

function formatTarget(target: Target | undefined): string {
  if (!target) return '';
  return `${target.on === 'ratio' ? 'ratio ' : ''}${target.op === '<=' ? '≤' : '≥'} ${target.limit}`;
}

/** The figures as a fixed-width text table. */
export function table(figures: Figure[]): string {
  const rows = [
    ['engine', 'scenario', 'figure', 'scale', 'value', 'unit', 'baseline', 'ratio', 'target', 'met'],
    ...figures.map((f) => [
      f.engine, f.scenario, f.name, formatScale(f.scale), formatNumber(f.value), f.unit,
      f.baseline ? `${formatNumber(f.baseline.value)} (${f.baseline.name})` : '', f.ratio === undefined ? '' : f.ratio.toFixed(2),
      formatTarget(f.target), f.met === undefined ? '' : f.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row, i) => {
    const line = row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}
