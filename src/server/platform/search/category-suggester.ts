// Suggests a category for a new matter from its words: multinomial naive Bayes whose counts
// start from the catalogue's keywords and grow with every categorised matter. Pure and
// synchronous; callers pass tokens from `segment` and store `serialize()` to rebuild it.

/** How many observations one catalogue keyword is worth: strong enough to lead until real examples accumulate. */
const KEYWORD_WEIGHT = 5;
/** Laplace (add-one) smoothing, so a word never seen in a category does not rule it out. */
const SMOOTHING = 1;
const STATE_VERSION = 1;

export interface CategorySuggestion {
  category: string;
  /** Probability among all categories, given the known words of the text. */
  score: number;
}

interface CategorySuggesterState {
  version: typeof STATE_VERSION;
  keywordsByCategory: Record<string, string[]>;
  learned: Record<string, { examples: number; tokenCounts: Record<string, number> }>;
}

interface CategoryCounts {
  /** Learned examples, for the class prior (keywords do not make a category more frequent). */
  examples: number;
  tokenCounts: Map<string, number>;
  totalTokens: number;
}

export class CategorySuggester {
  private readonly keywordsByCategory: Record<string, string[]>;
  /** Keyword and learned observations together, what the model scores with. */
  private readonly counts = new Map<string, CategoryCounts>();
  /** Learned observations alone, what `serialize` stores beside the keywords. */
  private readonly learnedTokenCounts = new Map<string, Map<string, number>>();
  private readonly vocabulary = new Set<string>();

  /** Keywords are single tokens as `segment` produces them (噪音, 不热), per category. */
  constructor(keywordsByCategory: Record<string, string[]>) {
    this.keywordsByCategory = Object.fromEntries(Object.entries(keywordsByCategory).map(([category, keywords]) => [category, [...keywords]]));
    for (const [category, keywords] of Object.entries(this.keywordsByCategory)) {
      this.categoryCounts(category);
      for (const keyword of keywords) this.observe(category, keyword, KEYWORD_WEIGHT);
    }
  }

  /** Records a categorised text; an unknown category becomes a new one. */
  learn(category: string, tokens: readonly string[]): void {
    const tokenCounts = new Map<string, number>();
    for (const token of tokens) tokenCounts.set(token, (tokenCounts.get(token) ?? 0) + 1);
    this.addLearned(category, 1, tokenCounts);
  }

  /** The k most probable categories, best first; [] when none of the tokens has been seen. */
  suggest(tokens: readonly string[], k = 3): CategorySuggestion[] {
    // Unseen words say nothing about any category, so they are left out.
    const knownTokens = tokens.filter((token) => this.vocabulary.has(token));
    if (knownTokens.length === 0 || k < 1) return [];
    const categories = [...this.counts.entries()];
    const totalExamples = categories.reduce((sum, [, counts]) => sum + counts.examples, 0);
    const logScores = categories.map(([category, counts]) => {
      let logScore = Math.log((counts.examples + SMOOTHING) / (totalExamples + SMOOTHING * categories.length));
      const denominator = counts.totalTokens + SMOOTHING * this.vocabulary.size;
      for (const token of knownTokens) logScore += Math.log(((counts.tokenCounts.get(token) ?? 0) + SMOOTHING) / denominator);
      return { category, logScore };
    });
    // Softmax relative to the best score keeps the exponentials from underflowing.
    const best = Math.max(...logScores.map((entry) => entry.logScore));
    const weights = logScores.map(({ category, logScore }) => ({ category, weight: Math.exp(logScore - best) }));
    const totalWeight = weights.reduce((sum, entry) => sum + entry.weight, 0);
    return weights
      .map(({ category, weight }) => ({ category, score: weight / totalWeight }))
      .sort((a, b) => b.score - a.score || a.category.localeCompare(b.category))
      .slice(0, Math.floor(k));
  }

  /** Keywords and learned counts as JSON; `deserialize` rebuilds an identical suggester. */
  serialize(): string {
    const state: CategorySuggesterState = {
      version: STATE_VERSION,
      keywordsByCategory: this.keywordsByCategory,
      learned: Object.fromEntries(
        [...this.learnedTokenCounts].map(([category, tokenCounts]) => [
          category,
          { examples: this.categoryCounts(category).examples, tokenCounts: Object.fromEntries(tokenCounts) },
        ]),
      ),
    };
    return JSON.stringify(state);
  }

  static deserialize(json: string): CategorySuggester {
    const state = JSON.parse(json) as Partial<CategorySuggesterState> | null;
    if (state?.version !== STATE_VERSION || typeof state.keywordsByCategory !== 'object' || typeof state.learned !== 'object') {
      throw new Error('not a serialized CategorySuggester');
    }
    const suggester = new CategorySuggester(state.keywordsByCategory);
    for (const [category, { examples, tokenCounts }] of Object.entries(state.learned)) {
      suggester.addLearned(category, examples, new Map(Object.entries(tokenCounts)));
    }
    return suggester;
  }

  private addLearned(category: string, examples: number, tokenCounts: ReadonlyMap<string, number>): void {
    this.categoryCounts(category).examples += examples;
    const learned = this.learnedTokenCounts.get(category) ?? new Map<string, number>();
    this.learnedTokenCounts.set(category, learned);
    for (const [token, count] of tokenCounts) {
      learned.set(token, (learned.get(token) ?? 0) + count);
      this.observe(category, token, count);
    }
  }

  private categoryCounts(category: string): CategoryCounts {
    let counts = this.counts.get(category);
    if (!counts) {
      counts = { examples: 0, tokenCounts: new Map(), totalTokens: 0 };
      this.counts.set(category, counts);
    }
    return counts;
  }

  private observe(category: string, token: string, observations: number): void {
    const counts = this.categoryCounts(category);
    counts.tokenCounts.set(token, (counts.tokenCounts.get(token) ?? 0) + observations);
    counts.totalTokens += observations;
    this.vocabulary.add(token);
  }
}
