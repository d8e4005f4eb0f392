/**
 * Okapi BM25 over pre-tokenised documents.
 *
 * Why our own and not wink-bm25-text-search (installed): the retriever weights query terms
 * fractionally (glossary expansions and the follow-up context count less than the question's own
 * words) and needs the matched terms per hit for the coverage signal; wink only takes a query
 * string, re-tokenises it, and counts each repeated token fully. The scoring here is the textbook
 * formula (Robertson/Sparck Jones idf with +1 so it stays positive), ~80 lines, and unit-tested.
 */
export interface Bm25Params {
  k1: number;
  b: number;
}

export interface Bm25Data {
  params: Bm25Params;
  docLens: number[];
  /** term → flat [doc, tf, doc, tf, …] postings, docs ascending. */
  postings: Record<string, number[]>;
}

export interface Bm25Result {
  doc: number;
  score: number;
}

export class Bm25 {
  private readonly avgdl: number;
  private readonly idf = new Map<string, number>();
  /** Each document's length term k1·(1 − b + b·len/avgdl), computed once instead of per posting. */
  private readonly norms: Float64Array;

  private constructor(private readonly data: Bm25Data) {
    const n = data.docLens.length;
    this.avgdl = n ? data.docLens.reduce((a, b) => a + b, 0) / n || 1 : 1;
    for (const [term, post] of Object.entries(data.postings)) {
      const df = post.length / 2;
      this.idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    }
    const { k1, b } = data.params;
    this.norms = Float64Array.from(data.docLens, (len) => k1 * (1 - b + (b * len) / this.avgdl));
  }

  static build(docs: string[][], params: Bm25Params = { k1: 1.2, b: 0.75 }): Bm25 {
    const postings: Record<string, number[]> = Object.create(null);
    docs.forEach((tokens, d) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, c] of tf) (postings[t] ??= []).push(d, c);
    });
    return new Bm25({ params, docLens: docs.map((d) => d.length), postings });
  }

  static fromJSON(data: Bm25Data): Bm25 {
    if (!data || !Array.isArray(data.docLens) || typeof data.postings !== 'object' || !data.params) {
      throw new Error('BM25 data is malformed');
    }
    return new Bm25({ ...data, postings: Object.assign(Object.create(null), data.postings) });
  }

  toJSON(): Bm25Data {
    return this.data;
  }

  get size(): number {
    return this.data.docLens.length;
  }

  has(term: string): boolean {
    return this.idf.has(term);
  }

  idfOf(term: string): number {
    return this.idf.get(term) ?? 0;
  }

  /** Scores every document with at least one query term. `query` maps term → weight (repeat = add). */
  scores(query: Map<string, number>): Float64Array {
    const k1 = this.data.params.k1;
    const norms = this.norms;
    const out = new Float64Array(this.size);
    for (const [term, w] of query) {
      const post = this.data.postings[term];
      if (!post || w <= 0) continue;
      const scale = w * this.idf.get(term)! * (k1 + 1);
      for (let i = 0; i < post.length; i += 2) {
        const d = post[i]!;
        const tf = post[i + 1]!;
        out[d] += (scale * tf) / (tf + norms[d]!);
      }
    }
    return out;
  }

  /** Top documents by score (ties: lower doc index first), only those with a positive score. */
  search(query: Map<string, number>, limit = 10): Bm25Result[] {
    return topK(this.scores(query), limit);
  }
}

/** Indices of the `limit` largest positive values, best first; ties keep index order. */
export function topK(scores: ArrayLike<number>, limit: number): Bm25Result[] {
  // Over thousands of scores (the question bank) only the few best are wanted: find the limit-th
  // best value with a native numeric sort and keep what reaches it, instead of sorting objects for all.
  // (the limit-th best is the smallest of a min-heap of the `limit` best positive values seen: one pass, no sort of all)
  let floor = 0;
  if (limit > 0 && scores.length > 4 * limit) {
    const heap = new Float64Array(limit);
    let m = 0;
    for (let d = 0; d < scores.length; d++) {
      const v = scores[d]!;
      if (!(v > 0)) continue;
      if (m < limit) {
        // sift up
        let i = m++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (heap[parent]! <= v) break;
          heap[i] = heap[parent]!;
          i = parent;
        }
        heap[i] = v;
      } else if (v > heap[0]!) {
        // replace the smallest, sift down
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= limit) break;
          const r = l + 1;
          const c = r < limit && heap[r]! < heap[l]! ? r : l;
          if (heap[c]! >= v) break;
          heap[i] = heap[c]!;
          i = c;
        }
        heap[i] = v;
        m++;
      } else m++;
    }
    if (m > limit) floor = heap[0]!;
  }
  const res: Bm25Result[] = [];
  for (let d = 0; d < scores.length; d++) if (scores[d]! > 0 && scores[d]! >= floor) res.push({ doc: d, score: scores[d]! });
  res.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return res.slice(0, limit);
}

/** Token list → weighted bag, each occurrence adding `weight`. */
export function weightedBag(tokens: string[], weight = 1, into = new Map<string, number>()): Map<string, number> {
  for (const t of tokens) into.set(t, (into.get(t) ?? 0) + weight);
  return into;
}
