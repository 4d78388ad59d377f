import { describe, expect, it } from 'vitest';
import { CategorySuggester } from '../../src/server/platform/search/category-suggester.ts';
import { segment } from '../../src/server/platform/search/segmenter.ts';

const keywords = {
  noise: ['噪音', '扰民', '装修'],
  heating: ['暖气', '供暖', '不热'],
  road: ['道路', '坑洼', '井盖'],
};

const suggestFor = (suggester: CategorySuggester, text: string, k?: number) => suggester.suggest(segment(text), k);

describe('CategorySuggester', () => {
  it('suggests noise first for renovation noise at night', () => {
    const suggestions = suggestFor(new CategorySuggester(keywords), '楼上装修噪音太大，晚上十点还在施工');
    expect(suggestions.map((s) => s.category)).toEqual(['noise', 'heating', 'road']);
    expect(suggestions[0]!.score).toBeGreaterThan(0.9);
  });

  it('returns probabilities over all categories, best first', () => {
    const suggestions = suggestFor(new CategorySuggester(keywords), '暖气不热，道路也坑洼');
    expect(suggestions.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 12);
    const scores = suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('returns at most k suggestions', () => {
    const suggester = new CategorySuggester(keywords);
    expect(suggestFor(suggester, '井盖丢失', 1)).toEqual([{ category: 'road', score: expect.any(Number) }]);
    expect(suggestFor(suggester, '井盖丢失', 0)).toEqual([]);
  });

  it('returns nothing when no word is known', () => {
    const suggester = new CategorySuggester(keywords);
    expect(suggestFor(suggester, '晚上十点还在施工')).toEqual([]);
    expect(suggester.suggest([])).toEqual([]);
  });

  it('learns new words and shifts suggestions with examples', () => {
    const suggester = new CategorySuggester(keywords);
    expect(suggestFor(suggester, '小区门口道路施工')[0]!.category).toBe('road');

    for (let i = 0; i < 3; i++) suggester.learn('noise', segment('晚上施工吵得睡不着'));
    expect(suggestFor(suggester, '晚上十点还在施工')[0]!.category).toBe('noise');
    expect(suggestFor(suggester, '小区门口道路施工')[0]!.category).toBe('noise');
  });

  it('adds a category that only examples describe', () => {
    const suggester = new CategorySuggester(keywords);
    suggester.learn('greening', segment('小区绿化带杂草丛生'));
    expect(suggestFor(suggester, '绿化带没人管')[0]!.category).toBe('greening');
  });

  it('rebuilds an identical suggester from its serialized counts', () => {
    const suggester = new CategorySuggester(keywords);
    suggester.learn('noise', segment('晚上施工吵得睡不着'));
    suggester.learn('greening', segment('小区绿化带杂草丛生'));
    const json = suggester.serialize();
    const rebuilt = CategorySuggester.deserialize(json);
    for (const text of ['小区门口道路施工', '绿化带没人管', '暖气不热', '晚上施工']) {
      expect(suggestFor(rebuilt, text)).toEqual(suggestFor(suggester, text));
    }
    expect(rebuilt.serialize()).toBe(json);
  });

  it('rejects JSON that is not a serialized suggester', () => {
    expect(() => CategorySuggester.deserialize('{"noise":["噪音"]}')).toThrow(/not a serialized/);
    expect(() => CategorySuggester.deserialize('null')).toThrow(/not a serialized/);
  });
});
