// Settings as the time limits page shows them (GET /api/settings): which keys the modules declare and
// how each is edited, its label, and its value in words. Weights are fractions on the wire and percentages
// on screen (0.3 ↔ 30%); whether they are acceptable is the shared rule's to say (src/shared/settings.ts).
import { weightsProblem, weightsTotal, type Weights, type WeightsProblem } from '../../../shared/settings.ts';
import { webModules, type SettingKind } from '../../modules.registry.ts';
import type { Translate } from '../../shell/i18n.tsx';

export const DURATION_UNITS = ['minute', 'hour', 'calendar_day', 'working_day'] as const;
type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

export interface SettingsAnswer {
  jurisdictionId: string;
  /** every key that can be set, `<module>.<key>` */
  keys: string[];
  /** the values in force at the unit (set there or above; a key set nowhere is absent) */
  effective: Record<string, unknown>;
  /** the values set at the unit itself */
  own: Array<{ key: string; value: unknown; updatedAt: string }>;
  /** whether the signed-in user may set values at this unit */
  manageable: boolean;
  /** every key: its type, built-in default, the value in force and where it comes from */
  settings: SettingEntry[];
}

export interface SettingEntry {
  key: string;
  type: SettingKind | null;
  default: unknown;
  /** the value in force (the default when set nowhere) */
  value: unknown;
  source: 'own' | 'inherited' | 'default';
  /** the unit whose value is in force (null for the default) */
  from: { id: string; nameZh: string | null; nameEn: string | null } | null;
  /** when the unit's own value was set */
  updatedAt: string | null;
}

/** The settings the modules' web manifests declare, `<module>.<key>` → how to edit it, in their order. */
const DECLARED = new Map<string, SettingKind>(webModules.flatMap((m) => Object.entries(m.settings ?? {}).map(([key, kind]) => [`${m.name}.${key}`, kind] as const)));
const ORDER = [...DECLARED.keys()];

export function isDuration(value: unknown): value is Duration {
  const d = value as Duration;
  return typeof d === 'object' && d !== null && Number.isInteger(d.amount) && (DURATION_UNITS as readonly string[]).includes(d.unit);
}

/** Named numbers (`{ response: 0.3, … }`): the shape of a weights setting. */
export function isWeights(value: unknown): value is Weights {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const values = Object.values(value);
  return values.length > 0 && values.every((w) => typeof w === 'number' && Number.isFinite(w));
}

/** How a key is edited: as its module declares, or else as its value looks; undefined when neither tells. */
export function settingKind(key: string, value: unknown): SettingKind | undefined {
  return DECLARED.get(key) ?? (isDuration(value) ? 'duration' : Number.isInteger(value) ? 'count' : isWeights(value) ? 'weights' : undefined);
}

/** The modules' declared order first, then any other key alphabetically. */
export function bySettingOrder(a: string, b: string): number {
  const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** `appeal.signFor.emergency` is labelled by the appeal dictionary's `appeal.setting.signFor.emergency`. */
export function settingLabelKey(key: string): string {
  const [module, ...rest] = key.split('.');
  return `${module}.setting.${rest.join('.')}`;
}

function formatDuration(t: Translate, d: Duration): string {
  const key = d.amount === 1 && (d.unit === 'calendar_day' || d.unit === 'working_day') ? `settings.duration.${d.unit}.one` as const : `settings.duration.${d.unit}` as const;
  return t(key, { n: d.amount });
}

/** `appeal.dashboardWeights`' part `response` is labelled by `appeal.setting.dashboardWeights.response`. */
export function weightLabelKey(key: string, part: string): string {
  return `${settingLabelKey(key)}.${part}`;
}

/** The parts of a weights setting, in the order of its built-in default (else of the value in force). */
export function weightParts(defaultValue: unknown, value: unknown): string[] {
  return isWeights(defaultValue) ? Object.keys(defaultValue) : isWeights(value) ? Object.keys(value) : [];
}

/** A weight as a percentage to two decimals: 0.3 → 30, 1/3 → 33.33. */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 10_000) / 100;
}

/** Percentages as entered (30, 20.5; empty is null) → the fractions the server takes (0.3, 0.205). */
export function weightsFromPercents(percents: Record<string, number | null | undefined>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(percents).map(([part, p]) => [part, typeof p === 'number' ? p / 100 : null]));
}

/** What is wrong with weights entered as percentages (each 0–100, together 100), or null. */
export function percentWeightsProblem(percents: Record<string, number | null | undefined>): WeightsProblem | null {
  return weightsProblem(weightsFromPercents(percents));
}

/** The total of weights entered as percentages, as shown: "100%", "120%" (empty inputs count 0). */
export function percentTotal(percents: Record<string, number | null | undefined>): string {
  const entered = Object.fromEntries(Object.entries(weightsFromPercents(percents)).map(([part, w]) => [part, w ?? 0]));
  return `${toPercent(weightsTotal(entered))}%`;
}

/** "响应率 30% · 解决率 30% · 满意率 40%": each part by its label in the module's dictionary. */
export function formatWeights(tx: (key: string) => string, key: string, weights: Weights, parts = Object.keys(weights)): string {
  return parts.filter((part) => part in weights).map((part) => `${tx(weightLabelKey(key, part))} ${toPercent(weights[part]!)}%`).join(' · ');
}

/** A value in words; `tx` reads the labels of a module's weights. */
export function formatSetting(t: Translate, tx: (key: string) => string, key: string, value: unknown): string {
  if (isDuration(value)) return formatDuration(t, value);
  if (isWeights(value)) return formatWeights(tx, key, value);
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}
