// Every dictionary speaks the same keys as 简体中文, the default: the shell's, and each web module's
// (found through src/web/modules.registry.ts, so a new module is checked without editing this test).
// Placeholders ({name}) must match too, or a translation would print a raw brace or drop a value.
import { describe, expect, it } from 'vitest';
import { webModules } from '../../src/web/modules.registry.ts';
import { en } from '../../src/web/shell/locales/en.ts';
import { zhCN } from '../../src/web/shell/locales/zh-CN.ts';
import { zhTW } from '../../src/web/shell/locales/zh-TW.ts';

const LANGUAGES = ['zh-CN', 'zh-TW', 'en'] as const;
const shell: Record<(typeof LANGUAGES)[number], Record<string, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectParity(name: string, dictionaries: Record<string, Record<string, string> | undefined>) {
  const reference = dictionaries['zh-CN'];
  expect(reference, `${name}: no zh-CN dictionary`).toBeDefined();
  const keys = Object.keys(reference!).sort();
  for (const language of LANGUAGES) {
    const dictionary = dictionaries[language];
    expect(dictionary, `${name}: no ${language} dictionary`).toBeDefined();
    const theirs = Object.keys(dictionary!).sort();
    expect({ missing: keys.filter((k) => !theirs.includes(k)), extra: theirs.filter((k) => !keys.includes(k)) }, `${name} ${language}`).toEqual({ missing: [], extra: [] });
    const mismatched = keys.filter((k) => placeholders(reference![k]!).join() !== placeholders(dictionary![k]!).join());
    expect(mismatched, `${name} ${language}: placeholders differ`).toEqual([]);
    const empty = keys.filter((k) => !dictionary![k]!.trim());
    expect(empty, `${name} ${language}: empty texts`).toEqual([]);
  }
}

describe('dictionaries', () => {
  it('the shell speaks the same keys in 简体, 繁體 and English', () => {
    expectParity('shell', shell);
  });

  it('module keys never shadow the shell\'s', () => {
    for (const module of webModules) {
      const clash = Object.keys(module.messages['zh-CN']).filter((k) => k in zhCN);
      expect(clash, module.name).toEqual([]);
    }
  });

  for (const module of webModules) {
    it(`module ${module.name} speaks the same keys in every language`, () => {
      expectParity(module.name, module.messages);
    });
  }
});
