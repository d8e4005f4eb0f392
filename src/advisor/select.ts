import type { Hit } from '../retrieval/types';
import { matchText } from './stats';
import { splitSentences } from '../corpus/sentences';
import { coverage, type Concept } from './terms';

/** A sentence of a retrieved chunk, verbatim, with where it sits and how well it answers. */
export interface Candidate {
  /** Verbatim text of the sentence (a trimmed slice of the chunk, hence of the corpus file). */
  text: string;
  norm: string;
  docId: string;
  source: string;
  title: string;
  section: string;
  /** Offset of the sentence in its document's file: orders sentences and removes overlap duplicates. */
  offset: number;
  hitRank: number;
  coverage: number;
  score: number;
}

export interface SelectOptions {
  /** Question concepts; context concepts (from the previous question) carry a lower weight. */
  concepts: Concept[];
  contextConcepts?: Concept[];
  /** The question asks for a definition (什么是 / what is …): definitional sentences get a bonus. */
  definitional: boolean;
  maxSentences?: number;
  /** Rough length budget of the quoted evidence, in characters. */
  maxChars?: number;
}

// Lines that are furniture, not content: keywords, classification codes, funding notes, references.
const FURNITURE = /^(?:[图表]\s*\d|\[?(?:关键词|关键字|中图分类号|文献标志码|文献标识码|文章编号|基金项目|作者简介|收稿日期|DOI|Key ?words)|\[\d+\])/i;
const DEFINITION = /是指|指的是|是一种|即为|定义为|被称为|称为|意味着|是以|是在|\bis\b|\brefers to\b/;
const MIN_CHARS = 10;
const CJK = /[\u4e00-\u9fff]/;

/** Sentences of one chunk: H1's splitter, then line breaks (headings and list lines stand alone). */
function sentencesOf(hit: Hit, hitRank: number): Omit<Candidate, 'coverage' | 'score'>[] {
  const { chunk } = hit;
  const out: Omit<Candidate, 'coverage' | 'score'>[] = [];
  for (const s of splitSentences(chunk.text)) {
    let pos = s.start;
    for (const line of s.text.split('\n')) {
      const lead = line.length - line.trimStart().length;
      const text = line.trim();
      const start = pos + lead;
      pos += line.length + 1;
      if (text.length < MIN_CHARS || text.startsWith('#') || FURNITURE.test(text)) continue;
      out.push({
        text,
        norm: matchText(text),
        docId: chunk.docId,
        source: chunk.source,
        title: chunk.title,
        section: chunk.section,
        offset: chunk.start + start,
        hitRank,
      });
    }
  }
  return out;
}

function bigrams(s: string): Set<string> {
  const g = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) g.add(s.slice(i, i + 2));
  return g;
}

/** Near-duplicate when most of the shorter sentence's bigrams are in the other (chunk overlap, repeated claims). */
function nearDuplicate(a: string, b: string): boolean {
  const ga = bigrams(a);
  const gb = bigrams(b);
  const [small, big] = ga.size <= gb.size ? [ga, gb] : [gb, ga];
  if (!small.size) return true;
  let shared = 0;
  for (const g of small) if (big.has(g)) shared++;
  return shared / small.size > 0.6;
}

/** Every candidate sentence of the hits, scored; duplicates from overlapping chunks kept once (best rank). */
export function scoreSentences(hits: Hit[], opts: SelectOptions): Candidate[] {
  const top = hits[0]?.score || 1;
  const numbers = opts.concepts.filter((c) => c.kind === 'num');
  const main = opts.concepts.filter((c) => c.kind !== 'num');
  const byKey = new Map<string, Candidate>();
  hits.forEach((hit, rank) => {
    const prior = Math.max(0, hit.score / top);
    for (const s of sentencesOf(hit, rank)) {
      const key = `${s.docId}:${s.offset}`;
      if (byKey.has(key)) continue;
      const cov = coverage(opts.concepts, s.norm);
      const ctx = opts.contextConcepts?.length ? coverage(opts.contextConcepts, s.norm) : 0;
      let score = cov + 0.3 * ctx + 0.2 * prior;
      score += 0.1 * Math.min(2, numbers.filter((c) => c.alts.some((a) => s.norm.includes(a))).length);
      if (opts.definitional && DEFINITION.test(s.norm) && main.some((c) => c.alts.some((a) => s.norm.includes(a)))) score += 0.15;
      if (s.text.length < 20) score -= 0.15; // fragments rarely answer on their own
      if (!CJK.test(s.text)) score -= 0.2; // English abstract sentences: the facts are in the Chinese body
      if (s.text.length > 240) score -= 0.1;
      byKey.set(key, { ...s, coverage: cov, score });
    }
  });
  return [...byKey.values()];
}

/**
 * The 1–4 sentences that best answer: the best one, then others close to it in score (no near
 * duplicates, at most two documents, within a length budget), in a readable order — the best
 * sentence's document first, sentences of one document in text order.
 */
export function selectSentences(candidates: Candidate[], opts: SelectOptions): Candidate[] {
  const maxSentences = opts.maxSentences ?? 4;
  const maxChars = opts.maxChars ?? 500;
  const ranked = candidates.filter((c) => c.coverage > 0).sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best) return [];
  const chosen: Candidate[] = [best];
  let chars = best.text.length;
  for (const c of ranked.slice(1)) {
    if (chosen.length >= maxSentences) break;
    if (c.score < 0.6 * best.score) break;
    if (chars + c.text.length > maxChars) continue;
    const docs = new Set(chosen.map((x) => x.docId));
    if (!docs.has(c.docId) && docs.size >= 2) continue;
    if (chosen.some((x) => nearDuplicate(x.norm, c.norm))) continue;
    chosen.push(c);
    chars += c.text.length;
  }
  const docOrder = [...new Set(chosen.map((c) => c.docId))];
  return chosen.sort((a, b) => docOrder.indexOf(a.docId) - docOrder.indexOf(b.docId) || a.offset - b.offset);
}
