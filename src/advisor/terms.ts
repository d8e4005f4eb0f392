import { contentTerms, normalize } from '../retrieval/tokenize';
import { expandQuery, getGlossary, glossChinese } from '../retrieval/glossary';
import { matchText, type CorpusStats } from './stats';

/**
 * A unit of meaning in the question: it is "present" in a text when any of its alternatives occurs
 * there. A Chinese word is its own alternative; an English glossary phrase brings its Chinese terms.
 */
export interface Concept {
  label: string;
  /** Strings in matchText form (NFKC, lowercase, no spaces), any of which stands for the concept. */
  alts: string[];
  kind: 'zh' | 'en' | 'gloss' | 'num';
  /** Relative importance before IDF: unglossed English words count less (they rarely occur in the corpus). */
  weight: number;
  /** Inverse document frequency over the corpus chunks (of the most frequent alternative). */
  idf: number;
  /** For glossary concepts: the English phrase that matched. */
  gloss?: string;
}

// Words that phrase a question rather than name its subject (retrieval's stoplist keeps them).
const QUESTION_WORDS = new Set(
  ('意思 多大 多少钱 一样 能不能 会不会 有没有 是不是 可不可以 哪一年 哪年 哪些地方 怎么办 为啥 啥 吗 呢 ' +
    '几类 哪几类 哪一类 第一个 区别 不同 办法 当初 至今 一部分 一家 实际上 ' +
    // English words that shape a question in any domain (the corpus's English abstracts rarely have them)
    'usually often main biggest largest inside along side sides instead home first half take run across mean means ' +
    'kind kinds type types way ways role happen went wrong goe go do doe did get got make made use used allow encourag generat contribute lie'
  ).split(/\s+/),
);

const NUMBER = /\d+(?:\.\d+)?/g;

/** Weight of an English word the glossary does not know (calibrated together with the decline threshold). */
export const UNGLOSSED_EN_WEIGHT = 0.5;

let glossByZh: Map<string, string> | undefined;
/** The glossary's preferred English for a Chinese term (first entry listing it wins). */
function preferredGloss(zh: string): string | undefined {
  if (!glossByZh) {
    glossByZh = new Map();
    for (const e of getGlossary()) for (const z of e.zh) if (!glossByZh.has(z) && e.en[0]) glossByZh.set(z, e.en[0]);
  }
  return glossByZh.get(zh);
}

/** The concepts of a question: glossary phrases (English → Chinese), numbers, then the remaining content words. */
export function extractConcepts(question: string, stats: CorpusStats): Concept[] {
  const out: Concept[] = [];
  const seen = new Set<string>();
  const add = (c: Omit<Concept, 'idf'>) => {
    const key = c.alts.join('|');
    if (!c.alts.length || seen.has(key)) return;
    seen.add(key);
    // The most frequent alternative decides: a concept is only as rare as its commonest wording.
    const idf = Math.min(...c.alts.map((a) => stats.idf(a)));
    out.push({ ...c, idf });
  };
  const norm = normalize(question);
  const glossed = new Set<string>();
  for (const m of expandQuery(question).terms) {
    m.en.split(' ').forEach((w) => glossed.add(w));
    // The English words count too: English questions also reach the papers' English abstracts.
    // The gloss shown to the user is the glossary's preferred English, not the stemmed match.
    const gloss = preferredGloss(m.zh[0] ?? '') ?? m.en;
    add({ label: m.zh[0] ?? m.en, alts: [...new Set([...m.zh, m.en].map(matchText))], kind: 'gloss', weight: 1, gloss });
  }
  for (const n of norm.match(NUMBER) ?? []) add({ label: n, alts: [n], kind: 'num', weight: 1 });
  for (const t of contentTerms(question)) {
    if (/^\d+(?:\.\d+)?$/.test(t) || glossed.has(t)) continue; // numbers are handled above, unstemmed
    const isEn = /^[a-z]/.test(t);
    if (QUESTION_WORDS.has(t)) continue;
    add({ label: t, alts: [matchText(t)], kind: isEn ? 'en' : 'zh', weight: isEn ? UNGLOSSED_EN_WEIGHT : 1 });
  }
  return out;
}

/** IDF-weighted share of the concepts present in `normText` (matchText form); 0 when there are none. */
export function coverage(concepts: Concept[], normText: string): number {
  let total = 0;
  let hit = 0;
  for (const c of concepts) {
    const w = c.weight * c.idf;
    total += w;
    if (c.alts.some((a) => normText.includes(a))) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

/** English glosses of the glossary terms in `text` (retrieval's glossChinese), for the English frame. */
export { glossChinese };
