import { normalize } from '../retrieval/tokenize';
import { remember } from '../memo';

/**
 * The form texts and terms are compared in: NFKC, lowercase, no whitespace (the papers write
 * "2022 年" and "BOT 模式" with stray spaces that questions do not have).
 */
export function matchText(s: string): string {
  return normalize(s).replace(/\s+/g, '');
}

/**
 * Document frequencies of arbitrary strings over the corpus chunks, by substring search. Substring
 * matching sidesteps tokenizer quirks (a term counts wherever it occurs), and a character-bigram
 * posting list keeps it fast: only chunks holding the term's rarest bigram are scanned.
 */
export class CorpusStats {
  readonly n: number;
  private readonly texts: string[];
  private readonly postings = new Map<string, number[]>();
  private readonly dfCache = new Map<string, number>();
  private readonly matchesCache = new Map<string, string[]>();

  constructor(texts: string[]) {
    this.texts = texts.map(matchText);
    this.n = this.texts.length;
    this.texts.forEach((t, id) => {
      const seen = new Set<string>();
      for (let i = 0; i < t.length; i++) {
        seen.add(t[i]!);
        if (i + 1 < t.length) seen.add(t.slice(i, i + 2));
      }
      for (const g of seen) {
        const list = this.postings.get(g);
        if (list) list.push(id);
        else this.postings.set(g, [id]);
      }
    });
  }

  /** How many chunks contain `term` (already in matchText form). */
  df(term: string): number {
    if (!term) return 0;
    const cached = this.dfCache.get(term);
    if (cached !== undefined) return cached;
    let rarest: number[] | undefined;
    const grams = term.length === 1 ? [term] : Array.from({ length: term.length - 1 }, (_, i) => term.slice(i, i + 2));
    for (const g of grams) {
      const list = this.postings.get(g);
      if (!list) {
        rarest = [];
        break;
      }
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    const df = term.length <= 2 ? (rarest?.length ?? 0) : (rarest ?? []).filter((id) => this.texts[id]!.includes(term)).length;
    this.dfCache.set(term, df);
    return df;
  }

  /** BM25-style inverse document frequency: ~ln(2N) for a term absent from the corpus, ~0 for one everywhere. */
  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
  }

  /**
   * Distinct strings of the corpus matching `re` (matchText form), most frequent first, at most
   * `max`: turns a loose wording (地方…税, 苏+陕) into the corpus's own strings, which then count
   * like any alternative of a concept.
   */
  matchesOf(re: RegExp, max = 3): string[] {
    // (a scan of every passage)
    return remember(this.matchesCache, `${re.flags}/${re.source}/${max}`, 5_000, () => this.scanMatches(re, max));
  }

  private scanMatches(re: RegExp, max: number): string[] {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    const counts = new Map<string, number>();
    for (const t of this.texts) for (const m of t.matchAll(g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, max).map(([m]) => m);
  }
}
