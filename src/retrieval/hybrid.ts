import type { Chunk, CorpusDocument } from '../corpus/schema';
import { Bm25, topK, weightedBag } from './bm25';
import { Bridge, isFrameWord, keyStem, questionRuns, type BridgeMatch, type Weighted } from './bridge';
import { expandQuery, expandSynonyms, getSynonyms, normalizeQuestion, type ExpandedQuery } from './glossary';
import { contentTerms, normalize, stem, tokenizeParts } from './tokenize';
import { isFittable, type Embedder, type Hit, type RetrievalMode, type RetrieveOptions, type Retriever } from './types';
import { l2normalize } from './embedders/lsa';
import { normalizeInput } from '../knowledge/normalize';
import type { VectorIndex } from './vector';
import { remember } from '../memo';

/** The text a chunk is indexed by: its document title and section path give every passage its topic. */
export function indexText(chunk: Chunk): string {
  return `${chunk.title}\n${chunk.section}\n${chunk.text}`;
}

/**
 * Tuning knobs. First chosen on eval/devset.jsonl, then re-checked on the dev, fresh and first
 * hold-out sets pooled (figures per set, so overfitting to one shows): reciprocal rank fusion lost
 * badly to weighted scores because the LSA channel is much weaker than BM25 here; lexical weight
 * 0.8–0.9 is a plateau (the vector channel adds ~0.01–0.02 MRR there and costs recall below 0.7);
 * scaling the vector weight by the two channels' top-10 agreement changed nothing measurable.
 */
export interface HybridParams {
  /** Weight of a CJK bigram relative to a word in the BM25 query. */
  bigramWeight: number;
  /** Weight of glossary-added Chinese terms (English questions). */
  expansionWeight: number;
  /**
   * Weight of the question's own English words when the question is English: the Chinese passages
   * hold the answers, and unweighted English words would pull every question to the English abstracts.
   */
  englishWeight: number;
  /** Weight of the papers' wordings added for everyday Chinese words (synonyms.json). */
  synonymWeight: number;
  /** Weight of corpus terms the dictionary bridge gives for English words outside the glossary (× the bridge's own weight). */
  bridgeWeight: number;
  /** Weight of corpus words the bridge gives for a Chinese question word the corpus never uses. */
  aliasWeight: number;
  /**
   * English questions are also searched with their Chinese terms alone (the facts sit in the
   * Chinese body, the English words pull towards the English abstracts); this is that pass's share
   * of the lexical score (0 = raw-question pass only).
   */
  chinesePassWeight: number;
  /** Score factor for English-only passages (abstracts) in English questions that have Chinese terms. */
  englishPassageFactor: number;
  /** Weight of the previous question's terms/vector in a follow-up. */
  contextWeight: number;
  /** Fusion: 'rrf' (reciprocal rank) or 'score' (max-normalised scores, weighted). */
  fusion: 'rrf' | 'score';
  rrfK: number;
  /** For 'score' fusion: weight of the lexical channel (vector gets 1 − this). */
  lexicalWeight: number;
  /** How many candidates each channel contributes to fusion. */
  depth: number;
  /** Rerank bonus for the longest common phrase with the question (per char beyond 2, capped). */
  phraseBonus: number;
  /** Rerank bonus per number of the question found in the passage. */
  numberBonus: number;
  /** Rerank bonus for a passage that defines the subject of a "what is X" question (X是指…, 所谓X…). */
  definitionBonus: number;
  /**
   * Rerank bonus × the IDF-weighted share of the question's distinct concepts the passage holds
   * (each concept satisfied by any of its wordings): a passage that holds every idea of the
   * question beats one that repeats a single frequent term, which raw BM25 sums cannot tell apart.
   */
  conceptBonus: number;
  /**
   * The same for Chinese questions: smaller, because their words are the passages' own words (BM25
   * already weighs them well) and paraphrased words that no passage uses leave the share noisy.
   */
  conceptBonusZh: number;
  /**
   * Dictionary senses that never share a passage with the question's other concepts keep this
   * share of their weight (1 = no sense disambiguation).
   */
  senseFloor: number;
  /** Weight of an English word no glossary or dictionary entry translates, in that share. */
  untranslatedWeight: number;
  /** How many fused candidates the rerank reorders. */
  rerankDepth: number;
  /**
   * Rerank bonus × the largest weighted concept share held by one sentence of the passage
   * (proximity): the question's ideas stated together answer it; scattered over a long passage
   * they often do not. Per language, as for the concept bonus. Measured on the five QA sets pooled:
   * English MRR 0.863 → 0.896 at 0.8 (rising to 1.0, then the dev set drops); for Chinese
   * questions it cost 0.005 MRR at 0.2 (their words are the passages' own, BM25 sees them), so 0.
   * (A section-title share of the same kind was tried too: no gain on any set, dropped.)
   */
  sentenceBonus: number;
  sentenceBonusZh: number;
  /**
   * Chinese questions: weight of a corpus word's near-synonyms (bridge.ts `near`: same head or tail
   * character and a shared dictionary sense, 演变 → 演化) in the query bag; they also satisfy that
   * word's concept in the rerank. 0 = off.
   */
  nearWeight: number;
}

/** A word in more passages than this is the papers' own wording: no near-synonyms for it. */
const NEAR_MAX_DF = 3;

export const DEFAULT_PARAMS: HybridParams = {
  bigramWeight: 0.5,
  expansionWeight: 1,
  englishWeight: 0.5,
  synonymWeight: 0.4,
  bridgeWeight: 0.5,
  aliasWeight: 0.3,
  chinesePassWeight: 0.5,
  englishPassageFactor: 0.85,
  contextWeight: 0.35,
  fusion: 'score',
  rrfK: 60,
  lexicalWeight: 0.85,
  depth: 50,
  phraseBonus: 0.01,
  numberBonus: 0.05,
  definitionBonus: 0.2,
  conceptBonus: 0.5,
  conceptBonusZh: 0.1,
  untranslatedWeight: 0.3,
  senseFloor: 0.25,
  rerankDepth: 20,
  sentenceBonus: 0.8,
  sentenceBonusZh: 0,
  nearWeight: 1,
};

interface Prepared {
  expanded: ExpandedQuery;
  /** English words outside the glossary and their corpus terms (dictionary bridge). */
  bridged: BridgeMatch[];
  english: boolean;
  bag: Map<string, number>;
  /** English questions: the Chinese terms alone, for the second lexical pass. */
  zhBag?: Map<string, number>;
  /** What the vector channel embeds: the question plus its Chinese terms. */
  vectorText: string;
  /** Compact (normalised, whitespace-free) question, for phrase overlap. */
  compact: string;
  numbers: string[];
  /** "What is X" questions: a pattern for a sentence that defines one of the subject's terms. */
  definition?: RegExp;
  /** Concepts for coverage: each is a list of alternative strings, found when any occurs. */
  concepts: string[][];
  /** The same concepts weighted for the rerank (weight before IDF). */
  weighted: WeightedConcept[];
  /** Per weighted concept: weight × IDF over the chunks (0 for a concept no chunk holds). */
  idfWeights?: number[];
}

/** A question concept for the rerank: found in a passage when any alternative occurs there. */
export interface WeightedConcept {
  alts: string[];
  weight: number;
}

/** A question is English when it has more Latin letters than CJK characters. */
export function isEnglish(text: string): boolean {
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  const cjk = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  return latin > cjk;
}

const MAX_QUERY_CHARS = 1000;

/** The question as every channel reads it: capped (one message cannot stall the process), normalised. */
function readQuery(query: string): string {
  return normalizeQuestion(normalizeInput(query.trim().slice(0, MAX_QUERY_CHARS)));
}
const VECTOR_RETRY_MS = 60_000;

const compactText = (s: string) => normalize(s).replace(/\s+/g, '');

/** BM25 + vector search fused, then lightly reranked; the runtime half of the index. */
export class HybridRetriever implements Retriever {
  private readonly compactChunks: string[];
  /** The whole corpus as one compact string, to test whether a term occurs at all. */
  private readonly compactCorpus: string;
  private readonly presentCache = new Map<string, boolean>();
  /** Chunks written in English (the papers' abstracts). */
  private readonly englishChunk: boolean[];
  readonly bridge: Bridge;
  params: HybridParams;

  constructor(
    readonly docs: CorpusDocument[],
    readonly chunks: Chunk[],
    private readonly bm25: Bm25,
    private readonly vectors: VectorIndex,
    private readonly embedder: Embedder,
    /** 'built' when this process (re)built the index, 'loaded' when it was read from disk. */
    readonly origin: 'built' | 'loaded',
    params: Partial<HybridParams> = {},
    private readonly log: (message: string, level: 'info' | 'warn') => void = () => {},
    bridge?: Bridge,
  ) {
    this.compactChunks = chunks.map((c) => compactText(indexText(c)));
    this.compactCorpus = this.compactChunks.join('\n');
    this.englishChunk = chunks.map((c) => isEnglish(c.text));
    this.params = { ...DEFAULT_PARAMS, ...params };
    this.bridge = bridge ?? Bridge.empty();
  }

  /** Whether a (Chinese) term occurs anywhere in the corpus. */
  present = (term: string): boolean => {
    return remember(this.presentCache, term, 10_000, () => this.compactCorpus.includes(compactText(term)));
  };

  private readonly dfCache = new Map<string, number>();

  /** IDF of a concept over the chunks: a chunk holds it when it holds any alternative; 0 when none does. */
  conceptIdf(alts: string[]): number {
    const df = remember(this.dfCache, alts.join('\u0001'), 10_000, () => {
      let n = 0;
      for (const t of this.compactChunks) if (alts.some((a) => t.includes(a))) n++;
      return n;
    });
    if (df === 0) return 0;
    const n = this.compactChunks.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  get embedderId(): string {
    return this.embedder.id;
  }

  async retrieve(query: string, options: RetrieveOptions = {}): Promise<Hit[]> {
    const k = Math.max(1, Math.floor(options.k ?? 5));
    const mode: RetrievalMode = options.mode ?? 'hybrid';
    // A question is short; cap pathological input so one message cannot stall the process.
    const q = readQuery(query);
    if (!q || this.chunks.length === 0) return [];
    const p = this.params;
    const contextText = options.context?.trim().slice(0, MAX_QUERY_CHARS);
    const prep = this.prepare(q, contextText ? normalizeInput(contextText) : undefined);

    const depth = mode === 'hybrid' ? Math.max(p.depth, k) : k;
    const lexRanked = mode === 'vector' ? [] : topK(this.lexicalScores(prep), depth);
    const context = contextText ? normalizeInput(contextText) : undefined;
    const vecRanked = mode === 'lexical' ? [] : await this.vectorSearch(prep, context, depth);

    const hits = new Map<number, Hit>();
    const hitFor = (i: number): Hit => {
      let h = hits.get(i);
      if (!h) hits.set(i, (h = { chunk: this.chunks[i], score: 0 }));
      return h;
    };
    lexRanked.forEach((r, rank) => (hitFor(r.doc).lexical = { rank: rank + 1, score: r.score }));
    vecRanked.forEach((r, rank) => (hitFor(r.label).vector = { rank: rank + 1, score: r.similarity }));

    const lexMax = lexRanked[0]?.score ?? 1;
    // The facts sit in the Chinese body: when an English question has Chinese terms, the papers'
    // English abstracts (which share its words) count a little less.
    const damp = prep.zhBag && mode === 'hybrid' ? p.englishPassageFactor : 1;
    for (const [i, h] of hits) {
      if (mode === 'lexical') h.score = h.lexical!.score;
      else if (mode === 'vector') h.score = h.vector!.score;
      else h.score = (p.fusion === 'rrf' ? this.rrf(h) : this.weighted(h, lexMax)) * (this.englishChunk[i] ? damp : 1);
    }
    // Ties go to the earlier chunk so results are deterministic.
    const byScore = (a: [number, Hit], b: [number, Hit]) => b[1].score - a[1].score || a[0] - b[0];
    let ranked = [...hits.entries()].sort(byScore);
    if (mode === 'hybrid') {
      // The rerank bonus is small, so only the head of the fused list can change order: rerank that.
      ranked = ranked.slice(0, Math.max(k, p.rerankDepth));
      prep.idfWeights = prep.weighted.map((c) => c.weight * this.conceptIdf(c.alts));
      for (const [i, h] of ranked) h.score += this.rerankBonus(prep, i);
      ranked.sort(byScore);
    }
    return ranked.slice(0, k).map(([i, h]) => {
      h.coverage = coverage(prep.concepts, this.compactChunks[i]);
      return h;
    });
  }

  /**
   * The weighted query bags this retriever searches its passages with (normalised, glossary- and
   * synonym-expanded), for other channels (question bank, structure units) that share its tokenizer.
   */
  queryBags(query: string, context?: string): { bag: Map<string, number>; zhBag?: Map<string, number>; vectorText: string; english: boolean } {
    const q = readQuery(query);
    const c = context?.trim().slice(0, MAX_QUERY_CHARS);
    const prep = this.prepare(q, c ? normalizeInput(c) : undefined);
    return { bag: prep.bag, zhBag: prep.zhBag, vectorText: prep.vectorText, english: prep.english };
  }

  /** Whether the embedder is the local one fitted on the corpus (cheap, offline), not a remote API. */
  get localEmbedder(): boolean {
    return isFittable(this.embedder);
  }

  /** Embeds text with this index's embedder (the bank channel compares questions in the same space). */
  embed(text: string): Promise<Float32Array> {
    return this.embedder.embedQuery(text);
  }

  /** Share of the question's content concepts a text holds: the coverage signal, for units of other channels. */
  coverageOf(query: string, text: string): number {
    const q = readQuery(query);
    return coverage(this.prepare(q, undefined).concepts, compactText(text));
  }

  /** The last prepared query: the fused retriever's other channels ask for the same bags right after. */
  private lastPrepared?: { key: string; params: HybridParams; prep: Prepared };

  private prepare(q: string, context: string | undefined): Prepared {
    const key = `${q}\u0000${context ?? ''}`;
    // The same parameters object too: tuning code swaps `params` between two calls.
    if (this.lastPrepared?.key === key && this.lastPrepared.params === this.params) return this.lastPrepared.prep;
    const prep = this.prepareUncached(q, context);
    this.lastPrepared = { key, params: this.params, prep };
    return prep;
  }

  private prepareUncached(q: string, context: string | undefined): Prepared {
    const p = this.params;
    const english = isEnglish(q);
    const expanded = expandQuery(q, { present: this.present, knows: (w) => this.bridge.knows(w) });
    // English words the glossary does not cover reach the corpus's terms through the dictionary.
    const bridged = english ? this.disambiguate(this.bridge.english(expanded.rest.flatMap(questionRuns)), expanded) : [];
    const bag = new Map<string, number>();
    const addText = (text: string, w: number, into = bag) => {
      const parts = tokenizeParts(text);
      const latinW = isEnglish(text) ? w * p.englishWeight : w;
      for (const t of parts.words) into.set(t, (into.get(t) ?? 0) + (/^[a-z0-9]/.test(t) ? latinW : w));
      weightedBag(parts.bigrams, w * p.bigramWeight, into);
    };
    // One glossary phrase or bridged word is one concept: its alternative terms share a token's
    // weight (max, not sum), so an entry listing four wordings does not count four times.
    const groups: Weighted[][] = [
      ...expanded.terms.map((t) => t.zh.map((z): Weighted => [z, p.expansionWeight])),
      ...bridged.map((b) => b.zh.filter(([t]) => !expanded.added.includes(t)).map(([t, w]): Weighted => [t, p.bridgeWeight * w])),
    ];
    const addChinese = (into: Map<string, number>) => {
      for (const g of groups) {
        const best = new Map<string, number>();
        for (const [term, w] of g) {
          const parts = tokenizeParts(term);
          for (const t of parts.words) best.set(t, Math.max(best.get(t) ?? 0, w));
          for (const t of parts.bigrams) best.set(t, Math.max(best.get(t) ?? 0, w * p.bigramWeight));
        }
        for (const [t, w] of best) into.set(t, (into.get(t) ?? 0) + w);
      }
    };
    const bridgeTerms = bridgedTerms(bridged, new Set(expanded.added));
    addText(q, 1);
    addChinese(bag);
    let zhBag: Map<string, number> | undefined;
    if (english && p.chinesePassWeight > 0 && groups.some((g) => g.length)) addChinese((zhBag = new Map()));
    const synonyms = p.synonymWeight > 0 ? expandSynonyms(q) : [];
    if (synonyms.length) addText(synonyms.join(' '), p.synonymWeight);
    const aliases = english || p.aliasWeight <= 0 ? [] : this.aliases(q);
    for (const [t, w] of aliases) addText(t, p.aliasWeight * w);
    const near = english || p.nearWeight <= 0 ? [] : this.nearGroups(q);
    for (const g of near) for (const [t, w] of g.slice(1)) addText(t, p.nearWeight * w);
    if (context) {
      addText(expandQuery(context, { present: this.present }).text, p.contextWeight);
      if (zhBag) addText(expandQuery(context, { present: this.present }).added.join(' '), p.contextWeight, zhBag);
    }
    const compact = compactText(q);
    const numbers = [...new Set(compact.match(/\d+(?:\.\d+)?/g) ?? [])];
    const vectorText = [q, ...expanded.added, ...bridgeTerms.map(([t]) => t)].join(' ');
    const definition = definitionPattern(q, english ? expanded.added : contentTerms(q));
    const weighted = weightedConcepts(q, expanded, bridged, english ? [] : [...synonymGroups(q), ...near.map((g) => g.map(([t]) => compactText(t)))], english ? [] : aliases, p.untranslatedWeight);
    return { expanded, bridged, english, bag, zhBag, vectorText, compact, numbers, definition, concepts: concepts(q, expanded, bridged), weighted };
  }

  private readonly chunkSetCache = new Map<string, Uint8Array>();

  /** Which chunks hold `term` (1 = holds), cached. */
  private chunkSet(term: string): Uint8Array {
    return remember(this.chunkSetCache, term, 10_000, () => {
      const t = compactText(term);
      return Uint8Array.from(this.compactChunks, (c) => (c.includes(t) ? 1 : 0));
    });
  }

  /**
   * Picks the sense of each dictionary-bridged word that fits the rest of the question: a target
   * term that shares passages with the question's other concepts keeps its weight, one that never
   * meets them (碎片 for "chip" beside 封测 and 东南亚) is cut to a quarter. Classic co-occurrence
   * disambiguation for dictionary-based cross-language retrieval; the corpus is the context model.
   */
  disambiguate(bridged: BridgeMatch[], expanded: Pick<ExpandedQuery, 'terms'>): BridgeMatch[] {
    const floor = this.params.senseFloor;
    if (floor >= 1 || !bridged.length) return bridged;
    const concepts: string[][] = [...expanded.terms.map((t) => t.zh), ...bridged.map((b) => b.zh.map(([t]) => t))];
    if (concepts.length < 2) return bridged;
    const n = this.compactChunks.length;
    const unions = concepts.map((alts) => {
      const u = new Uint8Array(n);
      for (const a of alts) {
        const s = this.chunkSet(a);
        for (let i = 0; i < n; i++) u[i] |= s[i];
      }
      return u;
    });
    const offset = expanded.terms.length;
    return bridged.map((b, bi) => {
      if (b.zh.length < 2) return b;
      const others = unions.filter((_, ci) => ci !== offset + bi);
      const co = b.zh.map(([t]) => {
        const s = this.chunkSet(t);
        let met = 0;
        for (const u of others) {
          for (let i = 0; i < n; i++) {
            if (s[i] && u[i]) {
              met++;
              break;
            }
          }
        }
        return met;
      });
      const best = Math.max(...co);
      if (best === 0) return b;
      const zh = b.zh
        .map(([t, w], i): Weighted => [t, Number((w * (floor + (1 - floor) * (co[i] / best))).toFixed(3))])
        .sort((x, y) => y[1] - x[1]);
      return { en: b.en, zh };
    });
  }

  /** Corpus words for the question's Chinese words the corpus never uses (via shared English senses). */
  private aliases(q: string): Weighted[] {
    const out: Weighted[] = [];
    for (const w of contentTerms(q)) {
      if (!/^[\u3400-\u9fff]{2,}$/.test(w) || this.present(w)) continue;
      for (const a of this.bridge.chinese(w) ?? []) out.push(a);
    }
    return out;
  }

  private chunkDf(term: string): number {
    const s = this.chunkSet(term);
    let n = 0;
    for (let i = 0; i < s.length; i++) n += s[i];
    return n;
  }

  /** For each question word the corpus rarely uses that has near-synonyms: [word, ...its near-synonyms]. */
  private nearGroups(q: string): Weighted[][] {
    const out: Weighted[][] = [];
    for (const w of new Set(contentTerms(q))) {
      // Only for words the papers rarely use: a word they use often is already their wording.
      if (!/^[\u3400-\u9fff]{2}$/.test(w) || this.chunkDf(w) > NEAR_MAX_DF) continue;
      const near = this.bridge.near(w);
      if (near?.length) out.push([[w, 1], ...near]);
    }
    return out;
  }

  /** BM25 of the question; for English questions fused with the Chinese-terms-only pass. */
  private lexicalScores(prep: Prepared): Float64Array {
    const a = this.bm25.scores(prep.bag);
    if (!prep.zhBag) return a;
    const b = this.bm25.scores(prep.zhBag);
    const share = this.params.chinesePassWeight;
    const maxA = Math.max(...a) || 1;
    const maxB = Math.max(...b) || 1;
    // Both passes scaled to the raw pass's range, so the lexical scores keep their usual size.
    for (let i = 0; i < a.length; i++) a[i] = maxA * ((1 - share) * (a[i] / maxA) + share * (b[i] / maxB));
    return a;
  }

  private vectorDownUntil = 0;

  private async vectorSearch(prep: Prepared, context: string | undefined, n: number) {
    // A remote embedder that just failed is not asked again for a minute: answer from BM25 alone.
    if (Date.now() < this.vectorDownUntil) return [];
    try {
      return await this.vectorSearchOnce(prep, context, n);
    } catch (e) {
      this.vectorDownUntil = Date.now() + VECTOR_RETRY_MS;
      this.log(`query embedding failed (${e instanceof Error ? e.message : String(e)}); using lexical search only for a minute`, 'warn');
      return [];
    }
  }

  private async vectorSearchOnce(prep: Prepared, context: string | undefined, n: number) {
    const v = await this.embedder.embedQuery(prep.vectorText);
    if (context) {
      const c = await this.embedder.embedQuery(expandQuery(context, { present: this.present }).text);
      for (let i = 0; i < v.length; i++) v[i] += this.params.contextWeight * c[i];
      l2normalize(v);
    }
    // No known term at all (LSA gives a zero vector): there are no nearest neighbours to speak of.
    if (!v.some((x) => x !== 0)) return [];
    return this.vectors.search(v, n);
  }

  private rrf(h: Hit): number {
    const k = this.params.rrfK;
    return (h.lexical ? 1 / (k + h.lexical.rank) : 0) + (h.vector ? 1 / (k + h.vector.rank) : 0);
  }

  private weighted(h: Hit, lexMax: number): number {
    const w = this.params.lexicalWeight;
    const lex = h.lexical ? h.lexical.score / (lexMax || 1) : 0;
    const vec = h.vector ? Math.max(0, h.vector.score) : 0;
    return w * lex + (1 - w) * vec;
  }

  /** Each chunk's compact sentences, split on first use (the proximity signal). */
  private sentenceCache?: string[][];

  private bestSentenceCoverage(prep: Prepared, i: number): number {
    this.sentenceCache ??= this.chunks.map((c) => compactSentences(c.text));
    return bestSentenceCoverage(prep.weighted, prep.idfWeights!, this.sentenceCache[i]);
  }

  private rerankBonus(prep: Prepared, i: number): number {
    const text = this.compactChunks[i];
    const p = this.params;
    let bonus = 0;
    const phrase = longestCommonPhrase(prep.compact, text);
    if (phrase > 2) bonus += p.phraseBonus * Math.min(phrase - 2, 8);
    for (const num of prep.numbers) if (text.includes(num)) bonus += p.numberBonus;
    if (prep.definition?.test(text)) bonus += p.definitionBonus;
    const conceptBonus = prep.english ? p.conceptBonus : p.conceptBonusZh;
    if (conceptBonus > 0 && prep.idfWeights) bonus += conceptBonus * weightedCoverage(prep.weighted, prep.idfWeights, text);
    const sentenceBonus = prep.english ? p.sentenceBonus : p.sentenceBonusZh;
    if (sentenceBonus > 0 && prep.idfWeights) bonus += sentenceBonus * this.bestSentenceCoverage(prep, i);
    return bonus;
  }
}

const DEFINITION_Q_EN = /(?:^|[,;:]\s*)\s*(?:so\s+|and\s+|then\s+)?(?:what(?: exactly| really)?(?:'s| is| are| was| were)(?: exactly| really)?\b(?!.*\b(?:role|effect|impact|difference|reason|result|purpose|problem|goal|advantage)s?\b)|what does .+ (?:mean|refer to|stand for)|define\b|definition of|meaning of)|\bhow (?:do|does|did) .+ define\b|\bhow is .+ defined\b/i;
const DEFINITION_Q_ZH = /什么是|是什么意思|什么意思|指的是什么|指什么|是指什么|含义|定义|概念是|是什么[？?]?\s*$|(?:怎样|怎么|如何)(?:界定|理解)|内涵/;
// How the papers define a term: X是指…, X，即…, X是一种…, 所谓X, 对X的定义为…, X的内核在于…
const DEFINES_AFTER = '[^。；]{0,20}?(?:是指|指的是|就是指|是一种|即|定义为|内核在于|的概念|作为一种)';
// A bare 指 defines too (园区合作指两个…), unless it starts another word (指导, 指出, 指标 …).
const DEFINES_BARE = '指(?![导出标引挥数南向令])';
const DEFINES_BEFORE = '(?:所谓|定义|概念|内涵)[^。；]{0,8}?';

/** For a definitional question, a pattern matching a sentence that defines one of its subject terms. */
export function definitionPattern(q: string, terms: string[]): RegExp | undefined {
  if (!(isEnglish(q) ? DEFINITION_Q_EN : DEFINITION_Q_ZH).test(q)) return undefined;
  const subj = [...new Set(terms.map(compactText))].filter((t) => t.length >= 2 && !ZH_QUESTION.has(t));
  if (!subj.length) return undefined;
  const alt = subj.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|');
  return new RegExp(`(?:${alt})(?:${DEFINES_AFTER}|${DEFINES_BARE})|${DEFINES_BEFORE}(?:${alt})`);
}
const ZH_QUESTION = new Set(['意思', '含义', '定义', '概念', '指的是', '什么样']);

/** The bridge's corpus terms, strongest first, without those the glossary already added. */
function bridgedTerms(bridged: BridgeMatch[], skip: Set<string>): Weighted[] {
  const best = new Map<string, number>();
  for (const b of bridged) for (const [t, w] of b.zh) if (!skip.has(t) && (best.get(t) ?? 0) < w) best.set(t, w);
  return [...best.entries()].sort((a, b) => b[1] - a[1]);
}

/** Phrases longer than this add nothing more to the bonus. */
const MAX_PHRASE = 16;

/** Length of the longest run of CJK characters of `q` (at most MAX_PHRASE) that occurs in `text`. */
export function longestCommonPhrase(q: string, text: string): number {
  // CJK runs only: in English questions spaces were removed, so Latin runs are not phrases.
  const runs = (q.slice(0, 200).match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []);
  let best = 0;
  // A sliding window that always holds a phrase found in the text (any part of a found phrase is
  // found too): grow it while the next character keeps it found, else drop its first character.
  // About two lookups per character, where trying every length from the longest down took dozens.
  for (const run of runs) {
    let s = 0;
    let e = 0;
    while (e < run.length) {
      if (e - s < MAX_PHRASE && text.includes(run.slice(s, e + 1))) {
        e++;
        if (e - s > best) best = e - s;
      } else if (s < e) s++;
      else {
        s++;
        e++;
      }
    }
  }
  return best;
}

/**
 * The question's concepts for the coverage signal: its Chinese content words, and for English
 * words either their glossary translations or (when not in the glossary) the word itself.
 */
function concepts(q: string, expanded: ExpandedQuery, bridged: BridgeMatch[]): string[][] {
  const out: string[][] = [];
  const glossed = new Set(expanded.terms.flatMap((t) => t.en.split(' ')));
  for (const t of expanded.terms) out.push(t.zh.map(compactText));
  // A bridged English word counts as found when the passage has one of its corpus terms or the word.
  for (const b of bridged) {
    const words = b.en.split(' ');
    for (const w of words) glossed.add(w);
    out.push([...b.zh.map(([t]) => compactText(t)), ...words]);
  }
  for (const w of contentTerms(q)) {
    if (/^[a-z]/.test(w)) {
      if (!glossed.has(stem(w)) && !glossed.has(keyStem(w))) out.push([w]);
    } else out.push([compactText(w)]);
  }
  return out;
}

function coverage(concepts: string[][], text: string): number {
  if (!concepts.length) return 0;
  let found = 0;
  for (const alts of concepts) if (alts.some((a) => text.includes(a))) found++;
  return found / concepts.length;
}

/** Synonym groups (synonyms.json) the question touches: each is one concept with all its wordings. */
function synonymGroups(q: string): string[][] {
  const text = compactText(q);
  return getSynonyms().filter((g) => g.some((t) => text.includes(t))).map((g) => g.map(compactText));
}

/**
 * The question's distinct concepts, weighted for the rerank: glossary phrases (weight 1), bridged
 * English words (their best dictionary weight; only the stronger senses count as wordings), English
 * words nothing translates (`untranslated`, found only in the English abstracts), and Chinese
 * content words — merged with the synonym group or corpus aliases they belong to.
 */
export function weightedConcepts(
  q: string,
  expanded: ExpandedQuery,
  bridged: BridgeMatch[],
  groups: string[][],
  aliases: Weighted[],
  untranslated: number,
): WeightedConcept[] {
  const out: WeightedConcept[] = [];
  const glossed = new Set(expanded.terms.flatMap((t) => t.en.split(' ')));
  for (const t of expanded.terms) out.push({ alts: t.zh.map(compactText), weight: 1 });
  for (const b of bridged) {
    const words = b.en.split(' ');
    for (const w of words) glossed.add(w);
    const top = Math.max(0, ...b.zh.map(([, w]) => w));
    const alts = b.zh.filter(([, w]) => w >= top * 0.5).map(([t]) => compactText(t));
    out.push({ alts: [...alts, ...words], weight: top });
  }
  const usedGroups = new Set<number>();
  for (const w of contentTerms(q)) {
    if (/^[a-z]/.test(w)) {
      if (!glossed.has(stem(w)) && !glossed.has(keyStem(w)) && !isFrameWord(w)) out.push({ alts: [w], weight: untranslated });
      continue;
    }
    const c = compactText(w);
    const g = groups.findIndex((grp) => grp.some((t) => t.includes(c) || c.includes(t)));
    if (g >= 0) {
      if (!usedGroups.has(g)) out.push({ alts: groups[g], weight: 1 });
      usedGroups.add(g);
      continue;
    }
    out.push({ alts: [c], weight: 1 });
  }
  // Corpus words for question words the corpus never uses: one concept of alternatives.
  if (aliases.length) out.push({ alts: aliases.map(([t]) => compactText(t)), weight: Math.max(...aliases.map(([, w]) => w)) });
  return out;
}

/** Share of the concepts' weights (weight × IDF) that `text` holds. */
export function weightedCoverage(concepts: WeightedConcept[], weights: number[], text: string): number {
  let total = 0;
  let found = 0;
  concepts.forEach((c, i) => {
    total += weights[i];
    if (weights[i] > 0 && c.alts.some((a) => text.includes(a))) found += weights[i];
  });
  return total > 0 ? found / total : 0;
}

/** A passage's sentences (。！？； and their Latin forms end one; not the point of 2.1), compact. */
export function compactSentences(text: string): string[] {
  return compactText(text).split(/(?<=[。！？；!?;])|(?<=\.)(?!\d)/).filter((x) => x.length > 0);
}

/** The largest weighted concept share any one sentence holds: the question's ideas stated together. */
export function bestSentenceCoverage(concepts: WeightedConcept[], weights: number[], sentences: string[]): number {
  let best = 0;
  for (const s of sentences) best = Math.max(best, weightedCoverage(concepts, weights, s));
  return best;
}
