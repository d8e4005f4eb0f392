import { contentTerms, getJieba, normalize } from '../retrieval/tokenize';
import { expandQuery, getGlossary, getSynonyms, glossChinese } from '../retrieval/glossary';
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
  /**
   * What the word is: a name (place, organisation, 新加坡, Laos), another noun (护照, 房价), or
   * wording (verbs, adverbs, measure words: 打算, 差不多, 拿走). A name or noun the corpus never
   * mentions puts the question out of scope; an everyday verb it never uses is just paraphrase.
   */
  role: Role;
}

export type Role = 'entity' | 'noun' | 'other';

/** How much a concept absent from the corpus says "out of scope", by role. */
export const ROLE_MISSING_FACTOR: Record<Role, number> = { entity: 1, noun: 0.6, other: 0.2 };

// Characters that make an unknown jieba segment a mis-cut phrase (跟央企, 签了, 各管), not a name.
const FUNCTION_CHARS = /[了跟各时哪的在和把被给让得着过也都就还]/;

/** The role of a Chinese word from jieba's part-of-speech tags (ns/nr/nt/nz are names). */
export function zhRole(word: string): Role {
  const tags = getJieba().tag(word, true).map((t) => t.tag);
  if (tags.some((t) => /^(?:ns|nr|nt|nz)/.test(t))) return 'entity';
  // Unknown to jieba's dictionary and not a mis-cut phrase: an out-of-dictionary name (深汕, 雄安).
  if (tags.some((t) => t === 'x')) return FUNCTION_CHARS.test(word) || word.length < 2 ? 'other' : 'entity';
  if (tags.some((t) => /^(?:n|vn|eng)/.test(t))) return 'noun';
  return 'other';
}

let synonymIndex: Map<string, string[]> | undefined;
/**
 * The papers' wordings for an everyday word of the question (看病 → 医疗, 上学 → 教育), from the
 * retrieval synonym groups: a paraphrased question is covered when the passage uses the formal word.
 */
function synonymsOf(word: string): string[] {
  if (!synonymIndex) {
    synonymIndex = new Map();
    for (const group of getSynonyms()) {
      for (const t of group) {
        const list = synonymIndex.get(t) ?? [];
        list.push(...group.filter((o) => o !== t));
        synonymIndex.set(t, list);
      }
    }
  }
  const out = new Set<string>();
  // The word itself, or a group term inside it (企业职工 holds 职工).
  for (const [t, list] of synonymIndex) if (t === word || (t.length >= 2 && word.includes(t))) list.forEach((x) => out.add(x));
  for (const n of numeralForms(word)) out.add(n);
  out.delete(word);
  return [...out];
}

const DIGIT: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
/**
 * The papers write figures in digits where questions often use words: 八成 → 80%, 一半 → 50%,
 * 三分之一 → 1/3, 两平方公里 → 2平方公里.
 */
export function numeralForms(word: string): string[] {
  const out: string[] = [];
  let m = /^([一二两三四五六七八九])成$/.exec(word);
  if (m) out.push(`${DIGIT[m[1]!]! * 10}%`);
  if (word === '一半' || word === '半数') out.push('50%', '一半');
  m = /^([一二两三四五六七八九十])分之([一二三四五六七八九])$/.exec(word);
  if (m) out.push(`${DIGIT[m[2]!]}/${DIGIT[m[1]!]}`);
  m = /^([一二两三四五六七八九十])([^一二两三四五六七八九十成分].*)$/.exec(word);
  if (m) out.push(`${DIGIT[m[1]!]}${m[2]}`);
  return out;
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

const DEFINITION_WORDS = /^(?:内涵|含义|概念|定义|是指|意思|意义|指的是)$/;

const NUMBER = /\d+(?:\.\d+)?/g;

/** Weight factor of a question word that is neither name nor noun and absent from the corpus. */
export const ABSENT_WORDING_WEIGHT = 0.3;

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
    // Synonym alternatives only count when the word itself is absent: a word the papers use keeps its own rarity.
    const own = c.alts.filter((a) => stats.df(a) > 0);
    const idf = Math.min(...(own.length ? own : c.alts).map((a) => stats.idf(a)));
    // Everyday wording the papers never use (打算, 差不多, 出钱) says little about the topic: it
    // would otherwise weigh as much as the rarest term and sink every paraphrased question.
    const weight = !own.length && c.role === 'other' ? c.weight * ABSENT_WORDING_WEIGHT : c.weight;
    out.push({ ...c, weight, idf });
  };
  const raw = question.normalize('NFKC');
  const norm = normalize(question);
  const glossed = new Set<string>();
  for (const m of expandQuery(question).terms) {
    m.en.split(' ').forEach((w) => glossed.add(w));
    // "What does X mean?" asks for a definition: 内涵/定义 phrase the question, they are not its subject.
    if (m.zh.every((z) => DEFINITION_WORDS.test(z))) continue;
    // The English words count too: English questions also reach the papers' English abstracts.
    // The gloss shown to the user is the glossary's preferred English, not the stemmed match.
    const gloss = preferredGloss(m.zh[0] ?? '') ?? m.en;
    add({ label: m.zh[0] ?? m.en, alts: [...new Set([...m.zh, m.en].map(matchText))], kind: 'gloss', weight: 1, gloss, role: zhRole(m.zh[0] ?? '') });
  }
  for (const n of norm.match(NUMBER) ?? []) add({ label: n, alts: [n], kind: 'num', weight: 1, role: 'noun' });
  for (const t of contentTerms(question)) {
    if (/^\d+(?:\.\d+)?$/.test(t) || glossed.has(t)) continue; // numbers are handled above, unstemmed
    const isEn = /^[a-z]/.test(t);
    if (QUESTION_WORDS.has(t)) continue;
    if (isEn) {
      // A capitalised word inside an English question is a name (Laos, Shanwei, FIFA).
      const role: Role = capitalised(raw, t) ? 'entity' : 'other';
      add({ label: t, alts: [matchText(t)], kind: 'en', weight: UNGLOSSED_EN_WEIGHT, role });
    } else {
      add({ label: t, alts: [...new Set([t, ...synonymsOf(t)].map(matchText))], kind: 'zh', weight: 1, role: zhRole(t) });
    }
  }
  return out;
}

/** True when a word starting with `stem` is written with a capital inside the question (not as its first word). */
function capitalised(question: string, stem: string): boolean {
  const words = question.match(/[A-Za-z][\w']*/g) ?? [];
  return words.slice(1).some((w) => /^[A-Z]/.test(w) && w.toLowerCase().startsWith(stem));
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
