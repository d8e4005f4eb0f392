/**
 * Pure scoring functions for the dev set: relevance of a retrieved passage to the gold quotes,
 * rank metrics, answer keyword coverage, citation checks and their per-language aggregates.
 */
import type { Gold } from './devset';

/** Targets from the issue ("Must show"), printed beside the measured figures. */
export const TARGETS = {
  recall5: { zh: 0.95, en: 0.85 },
  mrr: 0.8,
  keywordCoverage: 0.8,
  rightDoc: 0.9,
  answered: 0.9,
  declined: 0.8,
} as const;

/** NFKC (full-width → half-width), lower case, no whitespace: PDF spacing must not decide a match. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function bigrams(text: string): Set<string> {
  const s = normalize(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Share of the quote's character bigrams that also occur in the passage (0..1). */
export function bigramOverlap(quote: string, passage: string): number {
  const q = bigrams(quote);
  if (q.size === 0) return 0;
  const p = bigrams(passage);
  let shared = 0;
  for (const b of q) if (p.has(b)) shared++;
  return shared / q.size;
}

export interface PassageLike {
  source: string;
  text: string;
}

/** A passage is relevant when it comes from a gold source and contains (or mostly covers) a gold quote. */
export function isRelevant(passage: PassageLike, gold: Gold[], minOverlap = 0.5): boolean {
  const text = normalize(passage.text);
  return gold.some(
    (g) => g.source === passage.source && (text.includes(normalize(g.quote)) || bigramOverlap(g.quote, passage.text) >= minOverlap),
  );
}

/** 1-based rank of the first relevant passage, 0 when none of them is. */
export function firstRelevantRank(passages: PassageLike[], gold: Gold[]): number {
  const i = passages.findIndex((p) => isRelevant(p, gold));
  return i + 1;
}

/** 1-based rank of the first passage from a gold document, 0 when none. */
export function firstGoldDocRank(passages: PassageLike[], gold: Gold[]): number {
  const sources = new Set(gold.map((g) => g.source));
  return passages.findIndex((p) => sources.has(p.source)) + 1;
}

/** Fraction of keywords present in the answer (normalised the same way as the quotes). */
export function keywordCoverage(answer: string, keywords: string[]): number {
  if (keywords.length === 0) return 1;
  const a = normalize(answer);
  return keywords.filter((k) => a.includes(normalize(k))).length / keywords.length;
}

export function citesGoldDocument(citations: Array<{ source: string }>, gold: Gold[]): boolean {
  const sources = new Set(gold.map((g) => g.source));
  return citations.some((c) => sources.has(c.source));
}

/** Per-question outcome of one retrieval mode. */
export interface RetrievalOutcome {
  id: string;
  lang: 'zh' | 'en';
  /** First relevant rank within the retrieved list (0 = not found). */
  rank: number;
  /** First rank of a gold document (0 = not found). */
  docRank: number;
  ms: number;
}

export interface RetrievalSummary {
  n: number;
  recall1: number;
  recall5: number;
  mrr: number;
  docRecall5: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

export function summarizeRetrieval(rows: RetrievalOutcome[]): RetrievalSummary {
  return {
    n: rows.length,
    recall1: mean(rows.map((r) => (r.rank === 1 ? 1 : 0))),
    recall5: mean(rows.map((r) => (r.rank >= 1 && r.rank <= 5 ? 1 : 0))),
    mrr: mean(rows.map((r) => (r.rank ? 1 / r.rank : 0))),
    docRecall5: mean(rows.map((r) => (r.docRank >= 1 && r.docRank <= 5 ? 1 : 0))),
  };
}

/** Per-question outcome of the advisor. */
export interface AnswerOutcome {
  id: string;
  lang: 'zh' | 'en';
  answerable: boolean;
  answered: boolean;
  /** Keyword coverage of the answer text (answerable questions only; a decline scores what it contains, usually 0). */
  keywordCoverage: number;
  citesRightDoc: boolean;
  citations: number;
  /** Citations whose quote was found verbatim in the cited source. */
  verifiedCitations: number;
  ms: number;
}

export interface AnswerSummary {
  answerable: number;
  unanswerable: number;
  /** Answered share of answerable questions. */
  answered: number;
  /** Mean keyword coverage over answerable questions (declines count with what they contain). */
  keywordCoverage: number;
  /** Share of answerable questions whose answer cites at least one gold document. */
  rightDoc: number;
  /** Declined share of unanswerable questions. */
  declined: number;
  /** Share of all citations whose quote is verbatim in the cited source. */
  citationPrecision: number;
}

export function summarizeAnswers(rows: AnswerOutcome[]): AnswerSummary {
  const ans = rows.filter((r) => r.answerable);
  const un = rows.filter((r) => !r.answerable);
  const cites = rows.reduce((a, r) => a + r.citations, 0);
  return {
    answerable: ans.length,
    unanswerable: un.length,
    answered: mean(ans.map((r) => (r.answered ? 1 : 0))),
    keywordCoverage: mean(ans.map((r) => r.keywordCoverage)),
    rightDoc: mean(ans.map((r) => (r.answered && r.citesRightDoc ? 1 : 0))),
    declined: mean(un.map((r) => (r.answered ? 0 : 1))),
    citationPrecision: cites ? rows.reduce((a, r) => a + r.verifiedCitations, 0) / cites : NaN,
  };
}

/** p-th percentile (0..100) by nearest rank; NaN for an empty list. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}
