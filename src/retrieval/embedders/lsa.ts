import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { tokenize, TOKENIZER_VERSION } from '../tokenize';
import type { FittableEmbedder } from '../types';

/**
 * Latent semantic analysis built from the corpus at index time: sublinear TF-IDF over the
 * retrieval tokens (jieba words + CJK character bigrams), reduced by a truncated SVD, L2-normalised.
 *
 * The SVD goes through the small chunk-by-chunk Gram matrix G = X·Xᵀ (a few hundred rows) rather
 * than the huge term space: G = W·Λ·Wᵀ gives the left singular vectors W and σ = √λ, and the term
 * projection is P = Xᵀ·W·Σ⁻¹, so a text is embedded as tfidf(text)·P (chunks land on W·Σ, the
 * usual LSA document coordinates, and queries fold in the same way). The eigen-solver is
 * deterministic: same corpus → same vectors, no random seeds.
 */
export const LSA_VERSION = 'lsa-v1';

interface LsaState {
  vocab: Map<string, number>;
  idf: Float32Array;
  /** V × dim, row-major. */
  proj: Float32Array;
  /** Number of components actually used (≤ dim when the corpus is small). */
  rank: number;
}

export interface LsaOptions {
  dim?: number;
  /** Terms in fewer chunks than this are left out (they carry no co-occurrence signal). */
  minDf?: number;
}

export class LsaEmbedder implements FittableEmbedder {
  readonly dim: number;
  readonly id: string;
  private readonly minDf: number;
  private state: LsaState | undefined;

  constructor(opts: LsaOptions = {}) {
    this.dim = opts.dim ?? 256;
    this.minDf = opts.minDf ?? 2;
    this.id = `${LSA_VERSION}:${this.dim}:df${this.minDf}:${TOKENIZER_VERSION}`;
  }

  get fitted(): boolean {
    return this.state !== undefined;
  }

  /** Learns vocabulary, idf and the projection from the chunk texts. */
  fit(texts: string[]): void {
    const n = texts.length;
    const docsTokens = texts.map((t) => tokenize(t));
    const df = new Map<string, number>();
    for (const toks of docsTokens) for (const t of new Set(toks)) df.set(t, (df.get(t) ?? 0) + 1);
    // Sorted vocabulary: the term order (and so the files) do not depend on Map insertion order.
    const terms = [...df.keys()].filter((t) => df.get(t)! >= this.minDf).sort();
    const vocab = new Map(terms.map((t, i) => [t, i]));
    const idf = new Float32Array(terms.length);
    terms.forEach((t, i) => (idf[i] = Math.log((1 + n) / (1 + df.get(t)!)) + 1));

    const rows = docsTokens.map((toks) => sparseTfidf(toks, vocab, idf));

    // Gram matrix through an inverted index: G[i][j] = Σ_t x_i[t]·x_j[t].
    const post: { d: number; v: number }[][] = terms.map(() => []);
    rows.forEach((row, d) => row.idx.forEach((t, k) => post[t].push({ d, v: row.val[k] })));
    const g = Matrix.zeros(n, n);
    for (const p of post) {
      for (let a = 0; a < p.length; a++) {
        for (let b = a; b < p.length; b++) {
          const v = p[a].v * p[b].v;
          g.set(p[a].d, p[b].d, g.get(p[a].d, p[b].d) + v);
          if (a !== b) g.set(p[b].d, p[a].d, g.get(p[b].d, p[a].d) + v);
        }
      }
    }
    const evd = new EigenvalueDecomposition(g, { assumeSymmetric: true });
    const lambdas = evd.realEigenvalues;
    const vecs = evd.eigenvectorMatrix;
    const order = lambdas.map((l, i) => ({ l, i })).sort((a, b) => b.l - a.l || a.i - b.i);
    const top = order.filter((o) => o.l > 1e-9).slice(0, this.dim);
    const rank = top.length;

    const dim = this.dim;
    const proj = new Float32Array(terms.length * dim);
    for (let c = 0; c < rank; c++) {
      const { l, i } = top[c];
      const inv = 1 / Math.sqrt(l);
      // Fix each component's sign (largest |loading| positive) so the output is stable across solvers.
      let big = 0;
      for (let d = 0; d < n; d++) if (Math.abs(vecs.get(d, i)) > Math.abs(big)) big = vecs.get(d, i);
      const sign = big < 0 ? -1 : 1;
      rows.forEach((row, d) => {
        const w = sign * vecs.get(d, i) * inv;
        if (w === 0) return;
        for (let k = 0; k < row.idx.length; k++) proj[row.idx[k] * dim + c] += row.val[k] * w;
      });
    }
    this.state = { vocab, idf, proj, rank };
  }

  embedSync(text: string): Float32Array {
    const st = this.requireState();
    const row = sparseTfidf(tokenize(text), st.vocab, st.idf);
    const out = new Float32Array(this.dim);
    for (let k = 0; k < row.idx.length; k++) {
      const base = row.idx[k] * this.dim;
      const v = row.val[k];
      for (let c = 0; c < st.rank; c++) out[c] += v * st.proj[base + c];
    }
    return l2normalize(out);
  }

  async embedDocuments(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedSync(t));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embedSync(text);
  }

  /** Writes `lsa.json` (vocabulary, idf, rank) and `lsa.f32` (projection) into `dir`; returns file names. */
  save(dir: string): string[] {
    const st = this.requireState();
    const vocab = [...st.vocab.keys()];
    writeFileSync(join(dir, 'lsa.json'), JSON.stringify({ id: this.id, dim: this.dim, rank: st.rank, vocab, idf: Array.from(st.idf) }));
    writeFileSync(join(dir, 'lsa.f32'), Buffer.from(st.proj.buffer, st.proj.byteOffset, st.proj.byteLength));
    return ['lsa.json', 'lsa.f32'];
  }

  /** Reads what `save` wrote; throws when the files do not fit this embedder. */
  load(dir: string): void {
    const meta = JSON.parse(readFileSync(join(dir, 'lsa.json'), 'utf8')) as {
      id: string;
      dim: number;
      rank: number;
      vocab: string[];
      idf: number[];
    };
    if (meta.id !== this.id || meta.dim !== this.dim) throw new Error(`LSA files were built by ${meta.id}, expected ${this.id}`);
    const buf = readFileSync(join(dir, 'lsa.f32'));
    if (buf.byteLength !== meta.vocab.length * this.dim * 4 || meta.idf.length !== meta.vocab.length) {
      throw new Error('LSA projection file has the wrong size');
    }
    // Copy into an aligned buffer: Buffer slices may not start on a 4-byte boundary.
    const proj = new Float32Array(meta.vocab.length * this.dim);
    new Uint8Array(proj.buffer).set(buf);
    this.state = {
      vocab: new Map(meta.vocab.map((t, i) => [t, i])),
      idf: Float32Array.from(meta.idf),
      proj,
      rank: meta.rank,
    };
  }

  private requireState(): LsaState {
    if (!this.state) throw new Error('LSA embedder used before fit() or load()');
    return this.state;
  }
}

interface SparseRow {
  idx: number[];
  val: number[];
}

/** Sublinear tf × idf over the known vocabulary, L2-normalised. */
function sparseTfidf(tokens: string[], vocab: Map<string, number>, idf: Float32Array): SparseRow {
  const tf = new Map<number, number>();
  for (const t of tokens) {
    const i = vocab.get(t);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const idx = [...tf.keys()].sort((a, b) => a - b);
  const val = idx.map((i) => (1 + Math.log(tf.get(i)!)) * idf[i]);
  const norm = Math.hypot(...val) || 1;
  return { idx, val: val.map((v) => v / norm) };
}

export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}
