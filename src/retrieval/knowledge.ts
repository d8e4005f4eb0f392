/**
 * The retriever the advisor, the CLI and the bot use: the passage channel (HybridRetriever: BM25 +
 * LSA over passages) fused with the knowledge layer's channels —
 *   structure: BM25 over enumeration units (section path + lead + each item's head), so a question
 *              that names a heading or asks for "the kinds of X" finds the whole list;
 *   bank:      the user's question against the question bank's questions and keywords, lexically
 *              (BM25) and in the embedder's space (cosine), each bank hit standing for its node.
 * Each channel's scores are scaled by its best score for the query and summed with weights fitted
 * on the labelled question sets (`npm run train`, src/retrieval/data/fusion.json).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Chunk, CorpusDocument } from '../corpus/schema';
import type { BankEntry } from '../knowledge/bank';
import type { KnowledgeNode } from '../knowledge/nodes';
import { introOf, treeOf, type EnumerationNode } from '../knowledge/tree';
import { figureIndexText, figuresOf } from '../knowledge/figures';
import { normalizeInput } from '../knowledge/normalize';
import { questionType } from '../knowledge/question-type';
import hnswlib from 'hnswlib-node';
import { Bm25, topK } from './bm25';
import type { HybridRetriever } from './hybrid';
import { tokenize } from './tokenize';
import type { Hit, RetrieveOptions, Retriever } from './types';

export const CHANNELS = ['passages', 'structure', 'bankLexical', 'bankVector', 'figures'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export const FusionWeightsSchema = z.object({
  passages: z.number().min(0),
  structure: z.number().min(0),
  bankLexical: z.number().min(0),
  bankVector: z.number().min(0),
  figures: z.number().min(0).default(0),
});
export type FusionWeights = z.infer<typeof FusionWeightsSchema>;

/** Weights per question type: a list question leans on the structure units, a figure question on the figures table, others on passages. */
export const FusionTableSchema = z.object({ list: FusionWeightsSchema, figure: FusionWeightsSchema.optional(), other: FusionWeightsSchema });
export type FusionTable = z.infer<typeof FusionTableSchema>;

const FusionFileSchema = z.object({ weights: FusionTableSchema, fittedOn: z.array(z.string()).optional(), note: z.string().optional() });

export const FUSION_PATH = fileURLToPath(new URL('./data/fusion.json', import.meta.url));

let fitted: FusionTable | undefined;
/** The fitted fusion weights (src/retrieval/data/fusion.json, written by `npm run train`). */
export function fittedWeights(): FusionTable {
  fitted ??= FusionFileSchema.parse(JSON.parse(readFileSync(FUSION_PATH, 'utf8'))).weights;
  return fitted;
}

/** Which row of the weight table a question uses. */
export function fusionRow(query: string): 'list' | 'figure' | 'other' {
  const t = questionType(normalizeInput(query));
  return t === 'list' || t === 'figure' ? t : 'other';
}

/** The weights a question uses (a table without a figure row falls back to 'other'). */
export function weightsFor(table: FusionTable, query: string): FusionWeights {
  const row = fusionRow(query);
  return (row === 'figure' ? table.figure : table[row]) ?? table.other;
}

/** A retrievable unit: a passage, or an enumeration (its lead and items' first sentences, a line each, all verbatim). */
export type Unit = Chunk & { kind: 'passage' | 'enumeration' };

export interface KnowledgeRetrieveOptions extends RetrieveOptions {
  /** Only these channels (for `npm run eval`'s per-channel figures); default all. */
  channels?: ChannelName[];
  weights?: FusionTable;
}

/** How many candidates each channel hands to fusion. */
const DEPTH = 30;
/** How many queries' channels are kept (a question, its parts, and the question again). */
const RECENT_QUERIES = 4;

/** How deep the passage channel reads: deep enough for the k asked, since the other channels' units may all be among the passages' own. */
function passageDepth(options: KnowledgeRetrieveOptions): number {
  return Math.max(DEPTH, options.k ?? 0);
}

export class KnowledgeRetriever implements Retriever {
  readonly units: Unit[];
  private readonly unitIndex = new Map<string, number>();
  private readonly structure: Bm25;
  private readonly structureUnits: number[];
  private readonly bank: Bm25;
  /** For each bank document (a question, or an entry's keyword line): its unit. */
  private readonly bankUnit: number[];
  /** The bank questions' vectors, one row each in a single array (a tight loop over it is several times faster than over separate arrays). */
  private bankIndex?: { rows: number; search: InstanceType<typeof hnswlib.BruteforceSearch> };
  /** The channels computed for the last few queries (the same question asks several times), newest first. */
  private recentChannels: Array<{ key: string; depth: number; scores: Map<ChannelName, Map<number, number>>; passageHits: Hit[] }> = [];
  /** Where each bank entry's answer spans lie in its document (found once). */
  private readonly spanCache = new Map<BankEntry, Array<{ start: number; end: number }>>();
  private readonly bankTexts: string[];
  private readonly bankByNode: Map<string, BankEntry>;
  private readonly figures: Bm25;
  private readonly figureUnit: number[];

  constructor(
    readonly passages: HybridRetriever,
    nodes: KnowledgeNode[],
    readonly bankEntries: BankEntry[],
  ) {
    this.units = passages.chunks.map((c) => ({ ...c, kind: 'passage' as const }));
    this.units.forEach((u, i) => this.unitIndex.set(u.id, i));
    const titles = new Map(passages.docs.map((d) => [d.id, d.title]));
    for (const n of nodes) {
      if (n.kind !== 'enumeration' || !n.enumeration) continue;
      const e = n.enumeration;
      const doc = passages.docs.find((d) => d.id === n.docId);
      this.unitIndex.set(n.id, this.units.length);
      this.units.push({
        id: n.id,
        kind: 'enumeration',
        docId: n.docId,
        source: n.source,
        title: titles.get(n.docId) ?? '',
        section: n.section,
        sectionPath: n.section ? n.section.split(' › ') : [],
        text: unitText(n.text, e, doc?.raw),
        start: e.start,
        end: Math.min(e.end, doc?.raw.length ?? e.end),
      });
    }
    this.structureUnits = this.units.map((u, i) => (u.kind === 'enumeration' ? i : -1)).filter((i) => i >= 0);
    this.structure = Bm25.build(
      this.structureUnits.map((i) => {
        const u = this.units[i]!;
        const e = nodes.find((n) => n.id === u.id)!.enumeration!;
        // A list of sub-headings is also found by the paragraph that introduces it.
        const doc = passages.docs.find((d) => d.id === u.docId);
        const intro = doc ? introOf(treeOf(doc), e).text : '';
        return tokenize([u.section, intro, e.lead.text, ...e.items.map((it) => it.head.text)].join('\n'));
      }),
    );
    const docs: string[][] = [];
    this.bankUnit = [];
    this.bankTexts = [];
    for (const entry of bankEntries) {
      const unit = this.unitIndex.get(entry.node);
      if (unit === undefined) continue;
      for (const q of entry.questions) {
        docs.push(tokenize(q.q));
        this.bankUnit.push(unit);
        this.bankTexts.push(q.q);
      }
      if (entry.keywords.length) {
        docs.push(tokenize(entry.keywords.join(' ')));
        this.bankUnit.push(unit);
        this.bankTexts.push(entry.keywords.join(' '));
      }
    }
    this.bank = Bm25.build(docs);
    this.bankByNode = new Map(bankEntries.map((e) => [e.node, e]));
    // The figures table: each row searched by entity, measure and period, standing for the passage that states it.
    this.figureUnit = [];
    const figureDocs: string[][] = [];
    for (const doc of passages.docs) {
      for (const row of figuresOf(doc)) {
        const unit = this.units.findIndex((u) => u.kind === 'passage' && u.docId === row.docId && u.start <= row.start && row.end <= u.end);
        if (unit < 0) continue;
        figureDocs.push(tokenize(figureIndexText(row)));
        this.figureUnit.push(unit);
      }
    }
    this.figures = Bm25.build(figureDocs);
  }

  /** What the question bank says of a unit: its keywords and questions (empty when it has no entry). */
  describe = (unitId: string): string => {
    const e = this.bankByNode.get(unitId);
    return e ? [...e.keywords, ...e.questions.map((q) => q.q)].join('\n') : '';
  };

  get docs(): CorpusDocument[] {
    return this.passages.docs;
  }
  /** The passages (what sentence-level answers read); enumeration units are in `units`. */
  get chunks(): Chunk[] {
    return this.passages.chunks;
  }
  get origin(): 'built' | 'loaded' {
    return this.passages.origin;
  }
  get embedderId(): string {
    return this.passages.embedderId;
  }
  get bridge() {
    return this.passages.bridge;
  }

  /**
   * The bank's questions as vectors, searched exactly (hnswlib's brute-force inner product, native: a quarter of the time
   * of a JavaScript loop over ~2 700 × 256 components, every answer of 64 sets the same).
   */
  private async bankVectors(): Promise<{ rows: number; search: InstanceType<typeof hnswlib.BruteforceSearch> }> {
    // Embedded on first use, not at start-up: ~2 500 short questions through the LSA embedder.
    if (!this.bankIndex) {
      const vs = await Promise.all(this.bankTexts.map((t) => this.passages.embed(t)));
      const search = new hnswlib.BruteforceSearch('ip', vs[0]?.length ?? 1);
      search.initIndex(Math.max(1, vs.length));
      vs.forEach((v, i) => search.addPoint(Array.from(v), i));
      this.bankIndex = { rows: vs.length, search };
    }
    return this.bankIndex;
  }

  /** Per channel, the units it ranks for the query with their raw scores. */
  async channelScores(query: string, options: KnowledgeRetrieveOptions = {}): Promise<Record<ChannelName, Map<number, number>> & { passageHits: Hit[] }> {
    const want = new Set(options.channels ?? CHANNELS);
    // One question asks for its channels several times (retrieve, lists, bank matches, and again
    // for each of its parts): the channels of the last few queries are kept and reused. The passage
    // channel is reused only at the same depth and retrieval mode.
    const key = `${bankKey(query, options.context)}\u0000${options.mode ?? ''}`;
    const depth = passageDepth(options);
    const cached = this.recentChannels.find((c) => c.key === key);
    const missing = new Set([...want].filter((c) => !cached?.scores.has(c) || (c === 'passages' && cached.depth !== depth)));
    const computed = missing.size ? await this.computeChannels(query, options, missing) : undefined;
    const keep = cached ?? { key, depth, scores: new Map<ChannelName, Map<number, number>>(), passageHits: [] as Hit[] };
    if (computed) {
      for (const c of missing) keep.scores.set(c, computed[c]);
      if (missing.has('passages')) {
        keep.passageHits = computed.passageHits;
        keep.depth = depth;
      }
    }
    this.recentChannels = [keep, ...this.recentChannels.filter((c) => c !== keep)].slice(0, RECENT_QUERIES);
    const out = emptyChannels();
    for (const c of want) out[c] = keep.scores.get(c)!;
    if (want.has('passages')) out.passageHits = keep.passageHits;
    return out;
  }

  private async computeChannels(query: string, options: KnowledgeRetrieveOptions, want: Set<ChannelName>): Promise<Record<ChannelName, Map<number, number>> & { passageHits: Hit[] }> {
    const out = emptyChannels();
    if (want.has('passages')) {
      out.passageHits = await this.passages.retrieve(query, { k: passageDepth(options), mode: options.mode, context: options.context });
      for (const h of out.passageHits) out.passages.set(this.unitIndex.get(h.chunk.id)!, h.score);
    }
    if (!want.has('structure') && !want.has('bankLexical') && !want.has('bankVector') && !want.has('figures')) return out;
    const { bag, zhBag, vectorText } = this.passages.queryBags(query, options.context);
    const lexical = (index: Bm25) => {
      const a = index.scores(bag);
      if (zhBag) {
        const b = index.scores(zhBag);
        for (let i = 0; i < a.length; i++) a[i] = Math.max(a[i]!, b[i]!);
      }
      return a;
    };
    if (want.has('structure') && this.structureUnits.length) {
      for (const r of topK(lexical(this.structure), DEPTH)) if (r.score > 0) out.structure.set(this.structureUnits[r.doc]!, r.score);
    }
    const keepMax = (m: Map<number, number>, unit: number, score: number) => {
      if (score > (m.get(unit) ?? 0)) m.set(unit, score);
    };
    if (want.has('figures') && this.figureUnit.length) {
      for (const r of topK(lexical(this.figures), DEPTH * 2)) if (r.score > 0) keepMax(out.figures, this.figureUnit[r.doc]!, r.score);
    }
    if (want.has('bankLexical') && this.bankUnit.length) {
      for (const r of topK(lexical(this.bank), DEPTH * 3)) if (r.score > 0) keepMax(out.bankLexical, this.bankUnit[r.doc]!, r.score);
    }
    // The bank's questions are compared in the local embedder's space only: a remote embedder would
    // mean a thousand API calls at first use, and a failing one must not fail the question.
    if (want.has('bankVector') && this.bankUnit.length && this.passages.localEmbedder) {
      try {
        const q = await this.passages.embed(vectorText);
        if (q.some((x) => x !== 0)) {
          const bank = await this.bankVectors();
          // (unit vectors: 1 − inner-product distance is the cosine)
          const { neighbors, distances } = bank.search.searchKnn(Array.from(q), Math.min(DEPTH * 3, bank.rows));
          neighbors.forEach((doc, i) => {
            const score = 1 - distances[i]!;
            if (score > 0) keepMax(out.bankVector, this.bankUnit[doc]!, score);
          });
        }
      } catch {
        // The other channels answer; the passage channel already logged the embedder's failure.
      }
    }
    return out;
  }

  /**
   * The bank entries whose questions come closest to the question (FastGPT's QA pairs read
   * backwards): each with its answer spans, keywords and how close it comes relative to the best
   * (1 for the best). Both bank channels, each scaled by its best, summed.
   */
  async bankMatches(query: string, options: { context?: string; k?: number } = {}): Promise<Array<{ entry: BankEntry; docId: string; score: number; spans: Array<{ start: number; end: number }> }>> {
    // The retrieval just run for this question computed both channels already (channelScores keeps them).
    const scores = await this.channelScores(query, { context: options.context, channels: ['bankLexical', 'bankVector'] });
    const fused = fuse(scores, ['bankLexical', 'bankVector'], () => 1);
    const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, options.k ?? 3);
    const best = ranked[0]?.[1] || 1;
    return ranked.flatMap(([u, score]) => {
      const unit = this.units[u]!;
      const entry = this.bankByNode.get(unit.id);
      return entry ? [{ entry, docId: unit.docId, score: score / best, spans: this.spansOf(entry, unit) }] : [];
    });
  }

  /** The document offsets of an entry's answer spans (each verbatim in its node, hence in the document at or after the unit's start). */
  private spansOf(entry: BankEntry, unit: Unit): Array<{ start: number; end: number }> {
    let v = this.spanCache.get(entry);
    if (!v) {
      const raw = this.passages.docs.find((d) => d.id === unit.docId)?.raw ?? '';
      v = entry.answers.flatMap((a) => {
        const at = raw.indexOf(a, Math.max(0, unit.start - a.length));
        const start = at >= 0 ? at : raw.indexOf(a);
        return start >= 0 ? [{ start, end: start + a.length }] : [];
      });
      this.spanCache.set(entry, v);
    }
    return v;
  }

  /**
   * How close the question comes to any question of the bank: the best cosine in the local embedder's
   * space (0 without a local embedder or a bank). A paraphrase the bank anticipated is evidence that
   * the corpus answers it, whatever words it shares with the passages.
   */
  async bankSimilarity(query: string, options: { context?: string } = {}): Promise<number> {
    // The retrieval just run for this question computed the channel already (channelScores keeps it);
    // its best unit score is the best cosine, which always ranks among the channel's top.
    const { bankVector } = await this.channelScores(query, { context: options.context, channels: ['bankVector'] });
    return Math.min(1, Math.max(0, ...bankVector.values()));
  }


  /**
   * The lists (enumeration units) that best match a question, from the channels that know lists —
   * the bank's questions about them and their headings and items — whatever the passages rank.
   */
  async lists(query: string, options: { context?: string; k?: number } = {}): Promise<Hit[]> {
    const listChannels = ['structure', 'bankLexical', 'bankVector'] as const;
    const scores = await this.channelScores(query, { context: options.context, channels: [...listChannels] });
    const fused = fuse(scores, listChannels, () => 1, (u) => this.units[u]!.kind === 'enumeration');
    return [...fused.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, options.k ?? 5)
      .map(([u, score]) => ({ chunk: this.units[u]!, score }));
  }

  async retrieve(query: string, options: KnowledgeRetrieveOptions = {}): Promise<Hit[]> {
    const k = Math.max(1, Math.floor(options.k ?? 5));
    const weights = weightsFor(options.weights ?? fittedWeights(), query);
    // --mode lexical|vector names one of the passage channel's own halves: that alone, as before.
    const single = options.mode === 'lexical' || options.mode === 'vector';
    const channels = options.channels ?? (single ? ['passages' as const] : CHANNELS.filter((c) => weights[c] > 0));
    const scores = await this.channelScores(query, { ...options, channels });
    const fused = fuse(scores, channels, (c) => (channels.length === 1 ? 1 : weights[c]));
    const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
    // The passage channel's own hit objects carry its per-channel ranks and coverage.
    const passageHits = new Map(scores.passageHits.map((h) => [h.chunk.id, h]));
    return ranked.map(([u, score]) => {
      const unit = this.units[u]!;
      const own = passageHits.get(unit.id);
      return own ? { ...own, chunk: unit, score } : { chunk: unit, score, coverage: this.passages.coverageOf(query, `${unit.section}\n${unit.text}`) };
    });
  }
}

/** The question a bank similarity was computed for. */
const bankKey = (query: string, context?: string) => `${query}\u0000${context ?? ''}`;

/** Each channel's scores scaled by its best for the query, weighted and summed per unit (units failing `keep` left out). */
function fuse(scores: Record<ChannelName, Map<number, number>>, channels: readonly ChannelName[], weightOf: (c: ChannelName) => number, keep: (unit: number) => boolean = () => true): Map<number, number> {
  const fused = new Map<number, number>();
  for (const c of channels) {
    const m = scores[c];
    const max = Math.max(0, ...m.values()) || 1;
    for (const [u, s] of m) if (keep(u)) fused.set(u, (fused.get(u) ?? 0) + (weightOf(c) * s) / max);
  }
  return fused;
}

/** A list shorter than this is shown whole (lead to last item, verbatim); a longer one as its lead and item heads. */
const WHOLE_LIST_CHARS = 1500;

function unitText(heads: string, e: EnumerationNode, raw: string | undefined): string {
  if (!raw || e.kind === 'headings' || e.end - e.lead.start > WHOLE_LIST_CHARS) return heads;
  return raw.slice(e.lead.start, e.end).trim();
}

/** Every channel with no units ranked (the shape channelScores returns). */
function emptyChannels(): Record<ChannelName, Map<number, number>> & { passageHits: Hit[] } {
  return { passages: new Map(), structure: new Map(), bankLexical: new Map(), bankVector: new Map(), figures: new Map(), passageHits: [] };
}

