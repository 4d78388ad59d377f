// Chinese word segmentation for search and suggestions (STACK.md "Text search in Chinese").
// Full-text indexes store the tokens joined by spaces, so a plain FTS5 table or a 'simple'
// tsvector matches 2-character words, which a trigram index cannot.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Function words that carry no meaning for search or categorisation. */
const STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '在', '是', '我', '有', '和', '就', '不', '人', '都', '一', '一个', '上', '也', '很', '到', '说',
  '要', '去', '你', '会', '着', '没有', '看', '好', '自己', '这', '那', '吗', '呢', '吧', '啊', '请', '您',
  '我们', '他们', '还', '又', '被', '把', '让', '给', '对', '从', '而', '但', '与', '或', '等', '及', '其', '此',
]);

/** Anything but letters, combining marks and digits separates words. */
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;

let jieba: Jieba | undefined;

// Loading the dictionary takes ~200 ms, so it happens on first use, not at import.
function loadedJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Loads the dictionary now, e.g. at server start, so the first request does not pay for it. */
export function warmUpSegmenter(): void {
  loadedJieba();
}

function normalise(text: string): string {
  // NFKC folds full-width latin, digits and punctuation (ＡＢＣ３ → abc3) before cutting.
  return text.normalize('NFKC').toLowerCase();
}

// Splitting on separators leaves only letters and digits, so both full-text engines see
// exactly these tokens; "3-2-501" becomes 3, 2, 501 and punctuation tokens disappear.
function meaningfulTokens(rawTokens: string[]): string[] {
  return rawTokens.flatMap((token) => token.split(SEPARATORS)).filter((token) => token !== '' && !STOP_WORDS.has(token));
}

/** Words of the text in reading order (jieba precise mode with HMM), without punctuation and stop words. */
export function segment(text: string): string[] {
  return meaningfulTokens(loadedJieba().cut(normalise(text), true));
}

/**
 * The text as space-joined distinct tokens for a full-text index. Search mode keeps every
 * word of `segment` and adds the dictionary words inside longer ones (和谐社区 → 和谐, 社区,
 * 和谐社区), so a query for a part of a long word still matches.
 */
export function segmentForIndex(text: string): string {
  return [...new Set(meaningfulTokens(loadedJieba().cutForSearch(normalise(text), true)))].join(' ');
}
