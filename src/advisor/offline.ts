import type { Retriever, RetrievalMode } from '../retrieval/types';
import type { CorpusDocument, Chunk } from '../corpus/schema';
import type { Advisor, AskOptions, AskResult } from './types';
import { detectLang, isBlankQuestion } from './lang';
import { CorpusStats } from './stats';
import { extractConcepts } from './terms';
import { scoreSentences, selectSentences, type Candidate } from './select';
import { expandQuery } from '../retrieval/glossary';
import { questionShape } from './question';
import { DECLINE_RULE, evidenceSignals, nearestTopics, shouldAnswer, type DeclineRule, type EvidenceSignals } from './decline';
import { compose, declineText, emptyQuestionText } from './compose';

export interface OfflineAdvisorOptions {
  /** Hits to read sentences from. */
  k?: number;
  mode?: RetrievalMode;
  /** Documents (for English titles); defaults to the retriever's `.docs`. */
  docs?: CorpusDocument[];
  /** Chunks for the IDF statistics; defaults to the retriever's `.chunks`. */
  chunks?: Chunk[];
  /** Override the calibrated decline rule (the calibration script does). */
  decline?: DeclineRule;
}

/** An offline answer, plus the signals that decided it (for calibration and debugging). */
export type OfflineAskResult = AskResult & { signals?: EvidenceSignals };

export interface OfflineAdvisor extends Advisor {
  ask(question: string, options?: AskOptions): Promise<OfflineAskResult>;
}

/** Candidates from several hit lists, each sentence once with its best score. */
function mergeCandidates(lists: Candidate[][]): Candidate[] {
  if (lists.length === 1) return lists[0]!;
  const byKey = new Map<string, Candidate>();
  for (const c of lists.flat()) {
    const key = `${c.docId}:${c.offset}`;
    const old = byKey.get(key);
    if (!old || c.score > old.score) byKey.set(key, c);
  }
  return [...byKey.values()];
}

type WithCorpus = Retriever & { docs?: CorpusDocument[]; chunks?: Chunk[] };

/**
 * Extractive answers from the corpus without any model: retrieve, score the sentences of the top
 * hits against the question, quote the best 1–4 with numbered citations, or decline when the
 * evidence does not cover the question.
 */
export function createOfflineAdvisor(retriever: Retriever, opts: OfflineAdvisorOptions = {}): OfflineAdvisor {
  const k = opts.k ?? 6;
  const docs = opts.docs ?? (retriever as WithCorpus).docs ?? [];
  const chunks = opts.chunks ?? (retriever as WithCorpus).chunks ?? [];
  const rule = opts.decline ?? DECLINE_RULE;
  let stats: CorpusStats | undefined;
  const getStats = () => (stats ??= new CorpusStats(chunks.map((c) => c.text)));
  const titles = (docId: string) => docs.find((d) => d.id === docId);
  const docText = (docId: string) => docs.find((d) => d.id === docId)?.raw;

  return {
    async ask(question: string, options: AskOptions = {}): Promise<OfflineAskResult> {
      const q = (question ?? '').trim();
      const lang = options.lang ?? detectLang(q);
      if (isBlankQuestion(q)) {
        return { answered: false, answer: emptyQuestionText(lang), citations: [], lang, via: 'offline' };
      }
      const context = options.context?.trim() || undefined;
      const lists = [await retriever.retrieve(q, { k, mode: opts.mode, context })];
      // English questions also search with their glossary Chinese terms alone: the question's own
      // English words pull in the papers' English abstracts, while the answers sit in the Chinese body.
      const added = lang === 'en' ? expandQuery(q).added : [];
      if (added.length) lists.push(await retriever.retrieve(added.join(' '), { k, mode: opts.mode, context }));
      const hits = lists[0]!;
      const s = getStats();
      const concepts = extractConcepts(q, s);
      const contextConcepts = context ? extractConcepts(context, s) : [];
      const shape = questionShape(q);
      const selectOpts = { concepts, contextConcepts, shape, docText };
      const candidates = mergeCandidates(lists.map((l) => scoreSentences(l, selectOpts)));
      // A follow-up such as 那收益怎么分？ is judged with its context's concepts too, at half weight.
      const judged = [...concepts, ...contextConcepts.map((c) => ({ ...c, weight: c.weight * 0.5 }))];
      const signals = evidenceSignals(lists, judged, candidates, s, shape, q);
      const chosen = shouldAnswer(signals, rule) ? selectSentences(candidates, selectOpts) : [];
      if (!chosen.length) {
        const suggestions = nearestTopics(hits, docs, lang);
        return { answered: false, answer: declineText(lang, suggestions, hits.length > 0), citations: [], lang, suggestions, via: 'offline', signals };
      }
      const glossed = concepts.filter((c) => c.kind === 'gloss' && c.gloss).map((c) => ({ zh: c.label, en: c.gloss! }));
      const { answer, citations } = compose(lang, chosen, titles, glossed);
      return { answered: true, answer, citations, lang, via: 'offline', signals };
    },
  };
}
