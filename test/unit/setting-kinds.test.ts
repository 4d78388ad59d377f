// The kinds of per-jurisdiction settings (src/shared/settings.ts) and how the modules declare theirs: every
// built-in default passes the module's own schema, the server and the workbench agree on each key's kind, and
// weights (fractions in [0, 1] adding up to 1) are judged by one rule for the module's schema and the form.
import { describe, expect, it } from 'vitest';
import { caseModules } from '../../src/modules/registry.ts';
import { SETTING_KINDS, weightsProblem, weightsSchema, weightsTotal } from '../../src/shared/settings.ts';
import { webModules } from '../../src/web/modules.registry.ts';
import { messagesFor } from '../../src/web/shell/i18n.tsx';
import { weightLabelKey } from '../../src/web/workbench/admin/setting-value.ts';

describe('the modules\' settings', () => {
  it('each built-in default is a declared key of a known kind whose value the key\'s own schema accepts', () => {
    for (const module of caseModules) {
      for (const [key, { type, value }] of Object.entries(module.settingDefaults ?? {})) {
        expect(SETTING_KINDS, `${module.kind}.${key}`).toContain(type);
        const schema = module.settings?.[key];
        expect(schema, `${module.kind}.${key} has a default but no schema`).toBeDefined();
        expect(schema!.safeParse(value).success, `${module.kind}.${key}: default ${JSON.stringify(value)}`).toBe(true);
      }
    }
  });

  it('every part of every module\'s weights setting has a label in each language', () => {
    for (const module of caseModules) {
      for (const [key, { type, value }] of Object.entries(module.settingDefaults ?? {})) {
        if (type !== 'weights') continue;
        for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
          const messages = messagesFor(locale);
          for (const part of Object.keys(value as Record<string, number>)) expect(messages[weightLabelKey(`${module.kind}.${key}`, part)], `${locale} ${module.kind}.${key}.${part}`).toBeTruthy();
        }
      }
    }
  });

  it('the workbench edits each key as the kind the server reports for it', () => {
    for (const module of caseModules) {
      const web = webModules.find((m) => m.name === module.kind);
      for (const [key, { type }] of Object.entries(module.settingDefaults ?? {})) {
        expect(web?.settings?.[key], `${module.kind}.${key}`).toBe(type);
      }
    }
  });
});

describe('weights', () => {
  it('are acceptable when each is in [0, 1] and they add up to 1, allowing for floating point', () => {
    expect(weightsProblem({ response: 0.3, resolution: 0.3, satisfaction: 0.4 })).toBeNull();
    expect(weightsProblem({ a: 0.1, b: 0.2, c: 0.7 })).toBeNull(); // 0.1 + 0.2 is not exactly 0.3
    expect(weightsProblem({ a: 1, b: 0, c: 0 })).toBeNull();
    expect(weightsProblem({ a: 0.3333, b: 0.3333, c: 0.3334 })).toBeNull();
    expect(weightsTotal({ a: 0.5, b: 0.25 })).toBe(0.75);
  });

  it('name the problem: out of range (or missing) before a wrong total', () => {
    expect(weightsProblem({ a: 0.5, b: 0.5, c: 0.5 })).toBe('sum');
    expect(weightsProblem({ a: 0.3, b: 0.3, c: 0.3 })).toBe('sum');
    expect(weightsProblem({ a: 0.3333, b: 0.3333, c: 0.3333 })).toBe('sum');
    expect(weightsProblem({})).toBe('sum');
    expect(weightsProblem({ a: 1.2, b: -0.2, c: 0 })).toBe('range');
    expect(weightsProblem({ a: -0.1, b: 0.6, c: 0.5 })).toBe('range');
    expect(weightsProblem({ a: null, b: 0.6, c: 0.4 })).toBe('range');
    expect(weightsProblem({ a: undefined, b: 0.6, c: 0.4 })).toBe('range');
    expect(weightsProblem({ a: Number.NaN, b: 0.6, c: 0.4 })).toBe('range');
  });

  it('have a schema per set of parts: exactly those parts, each in [0, 1] (the issue names the part), together 1 (the issue is on the whole)', () => {
    const schema = weightsSchema(['x', 'y']);
    expect(schema.parse({ x: 0.25, y: 0.75 })).toEqual({ x: 0.25, y: 0.75 });
    expect(schema.safeParse({ x: 0.5, y: 0.6 }).error?.issues.map((i) => [i.path, i.message])).toEqual([[[], 'The weights must add up to 1']]);
    expect(schema.safeParse({ x: 1.5, y: -0.5 }).error?.issues.map((i) => i.path)).toEqual([['x'], ['y']]);
    expect(schema.safeParse({ x: 0.5 }).success).toBe(false);
    expect(schema.safeParse({ x: 0.5, y: 0.5, z: 0 }).success).toBe(false);
    expect(schema.safeParse({ x: '0.5', y: 0.5 }).success).toBe(false);
    expect(schema.safeParse([0.5, 0.5]).success).toBe(false);
  });
});
