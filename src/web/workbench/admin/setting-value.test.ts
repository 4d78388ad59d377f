// Settings in words and weights as percentages on the time limits page (setting-value.ts).
import { describe, expect, it } from 'vitest';
import { interpolate, messagesFor } from '../../shell/i18n.tsx';
import type { Translate } from '../../shell/i18n.tsx';
import type { LocaleCode } from '../../shell/locales/index.ts';
import { webModules } from '../../modules.registry.ts';
import {
  formatSetting, formatWeights, isWeights, percentTotal, percentWeightsProblem, settingKind, toPercent, weightLabelKey, weightParts, weightsFromPercents,
} from './setting-value.ts';

function translator(locale: LocaleCode, extra: Record<string, string> = {}) {
  const messages = { ...messagesFor(locale), ...extra };
  const tx = (key: string, params?: Record<string, string | number>) => interpolate(messages[key] ?? key, params);
  return { t: tx as Translate, tx };
}

// A weights setting of a made-up module, labelled the way a module's dictionary labels its parts (the test does
// not lean on any real module, so it holds whichever modules are installed).
const KEY = 'demo.scoreWeights';
const LABELS: Record<LocaleCode, Record<string, string>> = {
  'zh-CN': { 'demo.setting.scoreWeights.response': '响应率', 'demo.setting.scoreWeights.resolution': '解决率', 'demo.setting.scoreWeights.satisfaction': '满意率' },
  'zh-TW': { 'demo.setting.scoreWeights.response': '響應率', 'demo.setting.scoreWeights.resolution': '解決率', 'demo.setting.scoreWeights.satisfaction': '滿意率' },
  en: { 'demo.setting.scoreWeights.response': 'Response rate', 'demo.setting.scoreWeights.resolution': 'Resolution rate', 'demo.setting.scoreWeights.satisfaction': 'Satisfaction rate' },
};
const WEIGHTS = { response: 0.3, resolution: 0.3, satisfaction: 0.4 };

describe('a weights setting on the settings page', () => {
  it('reads as each part\'s label and percentage, in the page\'s language', () => {
    const zh = translator('zh-CN', LABELS['zh-CN']);
    expect(formatSetting(zh.t, zh.tx, KEY, WEIGHTS)).toBe('响应率 30% · 解决率 30% · 满意率 40%');
    const tw = translator('zh-TW', LABELS['zh-TW']);
    expect(formatSetting(tw.t, tw.tx, KEY, { response: 0.25, resolution: 0.25, satisfaction: 0.5 })).toBe('響應率 25% · 解決率 25% · 滿意率 50%');
    const en = translator('en', LABELS.en);
    expect(formatSetting(en.t, en.tx, KEY, { response: 1 / 3, resolution: 1 / 3, satisfaction: 1 / 3 })).toBe('Response rate 33.33% · Resolution rate 33.33% · Satisfaction rate 33.33%');
    expect(formatWeights(zh.tx, KEY, WEIGHTS, ['satisfaction', 'response'])).toBe('满意率 40% · 响应率 30%');
    // Durations and counts read as before.
    expect(formatSetting(zh.t, zh.tx, 'demo.limit', { amount: 4, unit: 'hour' })).toBe('4 小时');
    expect(formatSetting(zh.t, zh.tx, 'demo.count', 3)).toBe('3');
  });

  it('is edited as weights: declared so by its module, or recognised by its shape; its parts in the default\'s order', () => {
    for (const module of webModules) {
      for (const [key, kind] of Object.entries(module.settings ?? {})) expect(settingKind(`${module.name}.${key}`, undefined)).toBe(kind);
    }
    expect(settingKind('other.mix', { a: 0.5, b: 0.5 })).toBe('weights');
    expect(settingKind('other.limit', { amount: 1, unit: 'hour' })).toBe('duration');
    expect(settingKind('other.text', 'x')).toBeUndefined();
    expect(isWeights({})).toBe(false);
    expect(isWeights({ a: '0.5' })).toBe(false);
    expect(isWeights([0.5, 0.5])).toBe(false);
    expect(weightParts(WEIGHTS, { satisfaction: 1, response: 0, resolution: 0 })).toEqual(['response', 'resolution', 'satisfaction']);
    expect(weightParts(null, { b: 0.5, a: 0.5 })).toEqual(['b', 'a']);
    expect(weightParts(null, null)).toEqual([]);
    expect(weightLabelKey(KEY, 'response')).toBe('demo.setting.scoreWeights.response');
  });
});

describe('weights entered as percentages', () => {
  it('convert to and from the fractions the server takes', () => {
    expect(toPercent(0.3)).toBe(30);
    expect(toPercent(0.1 + 0.2)).toBe(30);
    expect(toPercent(1 / 3)).toBe(33.33);
    expect(weightsFromPercents({ response: 30, resolution: 20.5, satisfaction: null })).toEqual({ response: 0.3, resolution: 0.205, satisfaction: null });
  });

  it('are refused unless each is between 0% and 100% and together they make 100%', () => {
    expect(percentWeightsProblem({ response: 40, resolution: 20, satisfaction: 40 })).toBeNull();
    expect(percentWeightsProblem({ response: 33.33, resolution: 33.33, satisfaction: 33.34 })).toBeNull();
    expect(percentWeightsProblem({ response: 100, resolution: 0, satisfaction: 0 })).toBeNull();
    expect(percentWeightsProblem({ response: 50, resolution: 30, satisfaction: 40 })).toBe('sum');
    expect(percentWeightsProblem({ response: 0.3, resolution: 0.3, satisfaction: 0.4 })).toBe('sum'); // fractions typed where percentages go
    expect(percentWeightsProblem({ response: 120, resolution: -10, satisfaction: -10 })).toBe('range');
    expect(percentWeightsProblem({ response: null, resolution: 50, satisfaction: 50 })).toBe('range');
  });

  it('show their running total', () => {
    expect(percentTotal({ response: 50, resolution: 30, satisfaction: 40 })).toBe('120%');
    expect(percentTotal({ response: 33.33, resolution: 33.33, satisfaction: 33.34 })).toBe('100%');
    expect(percentTotal({ response: 30, resolution: null })).toBe('30%');
    expect(percentTotal({})).toBe('0%');
  });
});
