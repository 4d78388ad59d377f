// Settings as the time limits page shows them (GET /api/settings): which keys the modules declare and
// how each is edited, its label, and its value in words.
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

/** How a key is edited: as its module declares, or else as its value looks; undefined when neither tells. */
export function settingKind(key: string, value: unknown): SettingKind | undefined {
  return DECLARED.get(key) ?? (isDuration(value) ? 'duration' : Number.isInteger(value) ? 'count' : undefined);
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

export function formatSetting(t: Translate, value: unknown): string {
  if (isDuration(value)) return formatDuration(t, value);
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}
