import { describe, expect, it } from 'vitest';
import { segment, segmentForIndex, warmUpSegmenter } from '../../src/server/platform/search/segmenter.ts';

describe('segment', () => {
  it('loads the dictionary on demand', () => {
    expect(() => warmUpSegmenter()).not.toThrow();
  });

  it.each([
    ['邻里和谐', '和谐'],
    ['晚上噪音扰民', '噪音'],
    ['暖气不热已经三天', '暖气'],
  ])('finds the 2-character word in %s', (text, word) => {
    expect(segment(text)).toContain(word);
  });

  it('drops stop words, punctuation and whitespace', () => {
    expect(segment('请您看看我们的暖气，晚上很冷啊！')).toEqual(['看看', '暖气', '晚上', '冷']);
    expect(segment('我们的暖气，在 晚上 一直不热吗？！')).toEqual(['暖气', '晚上', '一直', '不热']);
  });

  it('keeps house numbers, including full-width digits', () => {
    expect(segment('3号楼暖气不热')).toContain('3');
    expect(segment('长华里社区３号楼2单元501').filter((token) => /\d/.test(token))).toEqual(['3', '2', '501']);
  });

  it('folds full-width and upper-case latin', () => {
    expect(segment('ＷｉＦｉ信号差')).toContain('wifi');
  });

  it('returns nothing for text without words', () => {
    expect(segment('，。！？  ……')).toEqual([]);
    expect(segment('')).toEqual([]);
  });
});

describe('segmentForIndex', () => {
  it('joins distinct tokens with spaces', () => {
    expect(segmentForIndex('噪音噪音，还是噪音')).toBe('噪音 还是');
  });

  it('adds the words inside longer words so both are findable', () => {
    const tokens = segmentForIndex('和谐社区').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['和谐', '社区', '和谐社区']));
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('contains every token that segment finds in the same text', () => {
    const text = '长华里社区3号楼暖气不热，楼上装修噪音太大';
    const indexed = new Set(segmentForIndex(text).split(' '));
    for (const token of segment(text)) expect(indexed).toContain(token);
  });
});
