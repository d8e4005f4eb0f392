import type { Hit } from '../retrieval/types';
import { matchText, type CorpusStats } from './stats';
import { coverage, type Concept } from './terms';

/** What the decision to answer or decline looks at. */
export interface EvidenceSignals {
  /** Best IDF-weighted share of the question's concepts found in one of the top hits (0–1). */
  coverage: number;
  /** The same share for the best single sentence. */
  sentenceCoverage: number;
  /** Number of question concepts; 0 means nothing searchable (e.g. only stopwords). */
  concepts: number;
  /**
   * The largest share of the question's weight held by a single concept the corpus never mentions
   * (新加坡, 护照, 世界杯…): a question about something absent is likely out of scope.
   */
  missing: number;
  topScore: number;
}

/** How many top hits the coverage signal looks at. */
export const COVERAGE_HITS = 3;

/** The decision rule: answer when coverage − missingWeight × missing ≥ threshold. */
export interface DeclineRule {
  missingWeight: number;
  threshold: number;
}

/**
 * Calibrated by `npx tsx eval/calibrate.ts` on eval/devset.jsonl (70 answerable, 12 unanswerable
 * questions, both languages pooled): the (missingWeight, threshold) pair that declines the most
 * unanswerable questions while answering ≥ 90 % of the answerable ones, the threshold set in the
 * middle of the gap between the neighbouring dev-set strengths. Re-run after changing retrieval or terms.
 */
export const DECLINE_RULE: DeclineRule = { missingWeight: 0.75, threshold: 0.169 };

/** Evidence strength: how much of the question the passages cover, less what the corpus never mentions. */
export function evidenceStrength(s: EvidenceSignals, rule: DeclineRule = DECLINE_RULE): number {
  return s.coverage - rule.missingWeight * s.missing;
}

/** Signals over one or more hit lists (an English question searches twice): the best of each. */
export function evidenceSignals(lists: Hit[][], concepts: Concept[], sentenceCoverage: number, stats: CorpusStats): EvidenceSignals {
  let cov = 0;
  for (const hits of lists) for (const h of hits.slice(0, COVERAGE_HITS)) cov = Math.max(cov, coverage(concepts, matchText(h.chunk.text)));
  const total = concepts.reduce((a, c) => a + c.weight * c.idf, 0);
  const missing = concepts.reduce((m, c) => (c.alts.every((a) => stats.df(a) === 0) ? Math.max(m, (c.weight * c.idf) / total) : m), 0);
  return {
    coverage: cov,
    sentenceCoverage,
    concepts: concepts.length,
    missing,
    topScore: lists[0]?.[0]?.score ?? 0,
  };
}

export function shouldAnswer(s: EvidenceSignals, rule: DeclineRule = DECLINE_RULE): boolean {
  return s.concepts > 0 && evidenceStrength(s, rule) >= rule.threshold;
}

const NUMBERING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]\s*|\d+[.．、]\s*)/;

/** Short topic names for a decline: the section titles of the nearest hits (or the paper's title). */
export function nearestTopics(hits: Hit[], max = 3): string[] {
  const topics: string[] = [];
  for (const h of hits) {
    const last = h.chunk.sectionPath.at(-1) ?? '';
    const topic = (last || h.chunk.title).replace(/^#+\s*/, '').replace(NUMBERING, '').replace(/\\?\*/g, '').trim();
    if (topic && !topics.includes(topic)) topics.push(topic);
    if (topics.length >= max) break;
  }
  return topics;
}
