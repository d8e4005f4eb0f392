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
 * middle of the gap between the neighbouring dev-set strengths. Last run (tok-v3, chunker with notes, 82 questions):
 * answered 95.7 % of answerable (zh 93.2 %, en 100 %), declined 83.3 % of unanswerable (zh 85.7 %, en 80 %),
 * gap 0.128. Re-run after changing retrieval, the tokenizer or terms.ts.
 */
export const DECLINE_RULE: DeclineRule = { missingWeight: 0.5, threshold: 0.255 };

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

const NUMBERING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]\s*|\d+(?:\.\d+)*[.．、]?\s*)/;
// Section names that say where, not what: a decline points to the paper's title instead.
const GENERIC = /^(?:摘要|abstract|引言|前言|结论|结语|结论与讨论|结论与建议|参考文献|references|introduction|conclusions?)$/i;

function cleanTopic(s: string): string {
  return s.replace(/^#+\s*/, '').replace(NUMBERING, '').replace(/\\?\*/g, '').replace(/[。；：:.]+$/, '').trim();
}

/**
 * Short topic names for a decline: the section titles of the nearest hits (the paper's title for
 * generic sections such as 摘要). With no hits at all, the papers' own titles: what the corpus is about.
 */
export function nearestTopics(hits: Hit[], docs: Array<{ title: string; titleEn?: string }> = [], lang: 'zh' | 'en' = 'zh', max = 3): string[] {
  const topics: string[] = [];
  const add = (t: string) => {
    if (t && !topics.includes(t) && topics.length < max) topics.push(t);
  };
  for (const h of hits) {
    const section = [...h.chunk.sectionPath].reverse().map(cleanTopic).find((t) => t && !GENERIC.test(t));
    add(section ?? cleanTopic(h.chunk.title));
  }
  if (!topics.length) for (const d of docs) add(cleanTopic(lang === 'en' && d.titleEn ? d.titleEn : d.title));
  return topics;
}
