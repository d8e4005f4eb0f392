/**
 * Runs the dev set through a retriever (each mode) and an advisor and scores them. The retriever
 * and advisor are parameters, so the same code scores the offline and the LLM advisor.
 */
import { performance } from 'node:perf_hooks';
import type { Advisor } from '../src/advisor/types';
import type { CorpusDocument } from '../src/corpus/schema';
import type { RetrievalMode, Retriever } from '../src/retrieval/types';
import type { ChannelName, FusionTable, KnowledgeRetriever } from '../src/retrieval/knowledge';
import type { DevItem } from './devset';
import {
  citesGoldDocument,
  firstGoldDocRank,
  firstRelevantRank,
  keywordCoverage,
  summarizeAnswers,
  summarizeRetrieval,
  type AnswerOutcome,
  type AnswerSummary,
  type RetrievalOutcome,
  type RetrievalSummary,
} from './metrics';

export type LangKey = 'zh' | 'en' | 'all';
const LANGS: LangKey[] = ['zh', 'en', 'all'];

export interface RetrievedBrief {
  source: string;
  section: string;
  score: number;
  text: string;
}

export interface RetrievalRow extends RetrievalOutcome {
  question: string;
  type: string;
  top: RetrievedBrief[];
}

export interface AnswerRow extends AnswerOutcome {
  question: string;
  type: string;
  answer: string;
  citedSources: string[];
  missingKeywords: string[];
}

export interface RetrievalReport {
  /** A retrieval mode, or a knowledge channel alone (`passages`, `structure`, `bankLexical`, `bankVector`). */
  mode: string;
  k: number;
  summary: Record<LangKey, RetrievalSummary>;
  rows: RetrievalRow[];
}

export interface AnswerReport {
  advisor: string;
  summary: Record<LangKey, AnswerSummary>;
  rows: AnswerRow[];
}

function byLang<T extends { lang: 'zh' | 'en' }, S>(rows: T[], summarize: (rows: T[]) => S): Record<LangKey, S> {
  const out = {} as Record<LangKey, S>;
  for (const lang of LANGS) out[lang] = summarize(lang === 'all' ? rows : rows.filter((r) => r.lang === lang));
  return out;
}

export async function evaluateRetrieval(
  items: DevItem[],
  retriever: Retriever,
  mode: RetrievalMode,
  k: number,
  extra: { label?: string; channels?: ChannelName[]; weights?: FusionTable } = {},
): Promise<RetrievalReport> {
  const rows: RetrievalRow[] = [];
  for (const item of items.filter((i) => i.answerable)) {
    const t0 = performance.now();
    const hits = await (retriever as KnowledgeRetriever).retrieve(item.question, { k, mode, context: item.context, channels: extra.channels, weights: extra.weights });
    const ms = performance.now() - t0;
    const passages = hits.map((h) => ({ source: h.chunk.source, text: h.chunk.text }));
    rows.push({
      id: item.id,
      lang: item.lang,
      question: item.question,
      type: item.type,
      rank: firstRelevantRank(passages, item.gold),
      docRank: firstGoldDocRank(passages, item.gold),
      ms,
      top: hits.slice(0, 3).map((h) => ({ source: h.chunk.source, section: h.chunk.section, score: h.score, text: h.chunk.text.slice(0, 80) })),
    });
  }
  return { mode: extra.label ?? mode, k, summary: byLang(rows, summarizeRetrieval), rows };
}

/** A citation is verified when its quote is found verbatim in the cited source's cleaned file. */
export function verifyCitation(docs: Map<string, CorpusDocument>, c: { source: string; quote: string }): boolean {
  const doc = docs.get(c.source);
  return !!doc && c.quote.trim().length > 0 && doc.raw.includes(c.quote.trim());
}

export async function evaluateAnswers(items: DevItem[], advisor: Advisor, docs: CorpusDocument[], name: string): Promise<AnswerReport> {
  const bySource = new Map(docs.map((d) => [d.source, d]));
  const rows: AnswerRow[] = [];
  for (const item of items) {
    const t0 = performance.now();
    const res = await advisor.ask(item.question, item.context ? { context: item.context } : {});
    const ms = performance.now() - t0;
    // Only the answer text counts (as for the held-out checker), not the citation list.
    const shown = res.answer;
    const cov = keywordCoverage(shown, item.keywords);
    rows.push({
      id: item.id,
      lang: item.lang,
      question: item.question,
      type: item.type,
      answerable: item.answerable,
      answered: res.answered,
      keywordCoverage: cov,
      citesRightDoc: citesGoldDocument(res.citations, item.gold),
      citations: res.citations.length,
      verifiedCitations: res.citations.filter((c) => verifyCitation(bySource, c)).length,
      ms,
      answer: res.answer,
      citedSources: res.citations.map((c) => c.source),
      missingKeywords: item.keywords.filter((kw) => keywordCoverage(shown, [kw]) === 0),
    });
  }
  return { advisor: name, summary: byLang(rows, summarizeAnswers), rows };
}
