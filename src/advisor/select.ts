import { kindRun } from '../knowledge/ordinal';
import { measureVerbs, questionFacets } from '../knowledge/facets';
import type { Hit } from '../retrieval/types';
import { matchText } from './stats';
import { splitSentences } from '../corpus/sentences';
import { coverage, type Concept } from './terms';
import { hasFreshFigure, type QuestionShape } from './question';
import { compactZh } from './documents';
import { getJieba } from '../retrieval/tokenize';
import { holds } from './match';
import { speaksOfPaper } from '../knowledge/paper-self';
import { HAND_WEIGHTS, sentenceModel, sentenceScore, type SentenceFeatures, type SentenceModel } from './shapes/sentence-model';
import { remember } from '../memo';

/** Where a bank answer span lies in its document, and how close its entry comes to the question (1 for the best). */
export interface BankAnswerSpan {
  docId: string;
  start: number;
  end: number;
  score: number;
}

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
  /** End offset in the document's file (where a continuing sentence would start). */
  end: number;
  /**
   * What the sentence is read with when judging it as evidence (matchText form): its section path
   * and the sentence before it in the passage — "以庆元县为例，…" names the subject a figure is about.
   */
  context: string;
  /**
   * The sentences before it in its paragraph (within the passage, matchText form): a year or a
   * place stated at the paragraph's start (2022年，浙江山区26县…) scopes the figures that follow.
   */
  paragraph: string;
  /** The innermost section heading the sentence sits under (matchText form). */
  heading?: string;
  hitRank: number;
  coverage: number;
  score: number;
  /** The signals the score was computed from (read by `npm run train` to fit the sentence model). */
  features?: SentenceFeatures;
}

export interface SelectOptions {
  /** Question concepts; context concepts (from the previous question) carry a lower weight. */
  concepts: Concept[];
  contextConcepts?: Concept[];
  /** What the question asks for: definitional sentences, figures get a bonus; definitions and lists run on. */
  shape: QuestionShape;
  /**
   * For a definition question: patterns of a sentence defining its subject, strongest first
   * (documents.ts definitionPatterns). Such a sentence is what was asked for and leads the answer.
   */
  defines?: RegExp[];
  /** A document's cleaned text, to continue a definition past the passage's end. */
  docText?: (docId: string) => string | undefined;
  maxSentences?: number;
  /**
   * A question on the kinds of a noun (几类节点, what types of nodes): the nouns, corpus wording. A
   * sentence that counts the kinds of one in prose (设立…三类节点) is what was asked for and leads.
   */
  kindsOf?: string[];
  /** The question asks for an example (能举个例子吗, a concrete case): an example runs on past its first sentence. */
  example?: boolean;
  /** The question asks what to do (对策呢, how to fix that): a measure runs on into the measures after it in its paragraph. */
  measures?: boolean;
  /** An ordinal the question asks an item by (第二类, 第一种): the account's sentence opening with it is that item. */
  ordinal?: string;
  /** The question asks what good something does (带来啥好处, 能起什么作用, what's in it for them). */
  benefit?: boolean;
  /**
   * Papers the answer must quote from (a question about what several papers say): the best sentence
   * of each is taken, and the usual two-paper limit is lifted to their number.
   */
  docs?: string[];
  /** For a figure set side by side across papers: whether a sentence states the figure of the subject asked. */
  figureHeld?: (sentenceNorm: string) => boolean;
  /** Rough length budget of the quoted evidence, in characters. */
  maxChars?: number;
  /**
   * A figure question's measured noun in corpus wording (decline.ts measuredConcept: 节点 for "how
   * many kinds of nodes"): a sentence giving a figure of it is what was asked for.
   */
  measured?: string[];
  /**
   * A "which cities / provinces / places" question: the places a sentence names, other than these
   * (the question's own names, matchText form), are what was asked for.
   */
  asksPlaces?: { own: string[]; kind?: Concept };
  /**
   * The answer spans of the bank entries whose questions come closest to the question (matchText
   * form), each with how close (1 for the best): a sentence among them is what the bank's
   * paraphrases of the question were written to find.
   */
  bankAnswers?: BankAnswerSpan[];
  /** The question asks about the paper itself (its study, its authors): sentences about the paper are not set back. */
  aboutPaper?: boolean;
  /** Papers the question names as papers (the land-bridge paper): their sentences are preferred, others set back. */
  namedPapers?: string[];
  /** The sentence model (default: the shipped one, src/advisor/data/sentence-model.json). */
  model?: SentenceModel;
}

/** Stands for "names a place" in a place question's coverage (no text contains it). */
const PLACE_MARK = '\u0001place';

const placeCache = new Map<string, string[]>();
/** The place names (jieba tag ns, two characters or more) in a sentence, matchText form; memoised. */
export function placesIn(text: string): string[] {
  return remember(placeCache, text, 5000, () => [...new Set(getJieba().tag(text, true).filter((t) => t.tag === 'ns' && t.word.length >= 2).map((t) => matchText(t.word)))]);
}

/** The places a sentence names other than the question's own (衢州 asked about: 深圳 is new); none unless places are asked. */
export function newPlaces(text: string, asksPlaces: SelectOptions['asksPlaces']): string[] {
  return asksPlaces ? placesIn(text).filter((p) => !asksPlaces.own.some((o) => o.includes(p) || p.includes(o))) : [];
}

/** The Chinese words for a kind of place a question asks for (城市, 省份, 地区 …). */
const PLACE_WORDS = '城市|地方|省份?|国家|地区|县市?|地';
/** A word that names a kind of place, not a place (城市 in 衢州在哪些城市…). */
export const isPlaceWord = (word: string): boolean => new RegExp(`^(?:${PLACE_WORDS})$`).test(word);

/** "In which cities…", "哪些城市…", "哪些外地城市…": the question asks for places by name. */
export const PLACE_QUESTION = new RegExp(
  `\\b(?:which|what)\\s+(?:(?:major|big|large|other|main)\\s+)?(cities|city|provinces?|places?|countries|country|regions?|counties|county|locations?)\\b|哪些(?:大|主要|其他|其它|别的)?(${PLACE_WORDS})|还有别的(城市|地方|省份?|国家|地区)|哪(?:几)?个(城市|省份?|国家|地区|县)|在哪些?(地方|城市)|哪些[\u4e00-\u9fff]{1,2}?(城市|省份|国家|地区)`,
  'i',
);

/** The question's place-kind concept (city → 城市) when it asks for places; undefined otherwise. */
export function placeKind(question: string, concepts: Concept[]): { own: string[]; kind?: Concept } | undefined {
  const m = PLACE_QUESTION.exec(question);
  if (!m) return undefined;
  // 短板在哪些地方 / 卡在哪几个地方 asks which points, not which places: a question that names what kind
  // of things it wants (problems, measures…) is not asking for places by 地方.
  if (/地方|places?/i.test(m[0]) && questionFacets(question).size) return undefined;
  const word = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? '').toLowerCase();
  const stem = /^[a-z]/.test(word) ? word.replace(/(?:ies|y|s)$/, '').slice(0, 5) : word;
  const kind = concepts.find((c) => c.role !== 'entity' && c.alts.some((a) => (/^[a-z]/.test(stem) ? a.startsWith(stem) : a === stem)));
  return { own: concepts.filter((c) => c.role === 'entity').flatMap((c) => c.alts), kind };
}

// Lines that are furniture, not content: keywords, classification codes, funding notes, references.
const FURNITURE = /^(?:[图表]\s*\d|\[?(?:关键词|关键字|中图分类号|文献标志码|文献标识码|文章编号|基金项目|作者简介|收稿日期|DOI|Key ?words)|\[\d+\])/i;
const DEFINITION = /是指|指的是|是一种|的一种|即为|定义为|被称为|称为|意味着|是以|是在|内核在于|本质是|本质在于|核心在于|\bis\b|\brefers to\b/;
const MIN_CHARS = 10;
/** Score bonus of a sentence defining the question's subject, by the strength of its pattern: an explicit X是指… leads whatever else matches. */
const DEFINES_BONUS = [1, 0.6, 0.4, 0.2];
const CJK = /[\u4e00-\u9fff]/;

/** Sentences of one chunk: H1's splitter, then line breaks (headings and list lines stand alone). */
function sentencesOf(hit: Hit, hitRank: number): Omit<Candidate, 'coverage' | 'score'>[] {
  const { chunk } = hit;
  const out: Omit<Candidate, 'coverage' | 'score'>[] = [];
  const section = matchText(chunk.section);
  // The innermost heading only: the paper's top-level parts (一、…) are too broad to speak for a sentence.
  const heading = matchText(chunk.sectionPath[chunk.sectionPath.length - 1] ?? '');
  let prev = '';
  let paragraph = '';
  for (const s of splitSentences(chunk.text)) {
    let pos = s.start;
    if (/\n[ \t]*$/.test(chunk.text.slice(Math.max(0, s.start - 4), s.start))) paragraph = '';
    for (const [i, line] of s.text.split('\n').entries()) {
      if (i > 0) paragraph = '';
      const lead = line.length - line.trimStart().length;
      const text = line.trim();
      const start = pos + lead;
      pos += line.length + 1;
      if (text.length < MIN_CHARS || text.startsWith('#') || FURNITURE.test(text)) continue;
      const norm = matchText(text);
      out.push({
        text,
        norm,
        docId: chunk.docId,
        source: chunk.source,
        title: chunk.title,
        section: chunk.section,
        offset: chunk.start + start,
        end: chunk.start + start + text.length,
        context: `${section}\n${prev}`,
        heading,
        paragraph,
        hitRank,
      });
      prev = norm;
      paragraph += `${norm}\n`;
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

/** How close the best bank entry whose answer spans cover most of the sentence (or it most of a span) comes to the question (0 when none does). */
export function bankAnswerScore(at: { docId: string; offset: number; end: number }, answers: BankAnswerSpan[]): number {
  let best = 0;
  for (const a of answers) {
    if (a.score <= best || a.docId !== at.docId) continue;
    const shared = Math.min(a.end, at.end) - Math.max(a.start, at.offset);
    if (shared > 0 && shared >= 0.6 * Math.min(a.end - a.start, at.end - at.offset)) best = a.score;
  }
  return best;
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
      // A "which cities" question is answered by naming places: its kind word (城市) is covered by
      // the places a sentence names, not by the word itself (城市间的激烈争夺).
      const places = newPlaces(s.text, opts.asksPlaces);
      const kind = opts.asksPlaces?.kind;
      const cov = kind
        ? coverage(opts.concepts.map((c) => (c === kind ? { ...c, alts: [PLACE_MARK] } : c)), places.length ? `${s.norm}${PLACE_MARK}` : s.norm)
        : coverage(opts.concepts, s.norm);
      const ctx = opts.contextConcepts?.length ? coverage(opts.contextConcepts, s.norm) : 0;
      // A sentence speaks under its section heading: what the heading names (“两覆盖一样板”总体布局)
      // the sentences below it explain, though they do not repeat it. Counted at half weight.
      const headed = s.heading ? coverage(opts.concepts, `${s.heading}\n${s.norm}`) : cov;
      const defRank = opts.defines?.length ? opts.defines.findIndex((p) => p.test(compactZh(s.text))) : -1;
      const fresh = opts.shape.quantity && hasFreshFigure(s.norm, opts.shape.numbers, opts.shape.figureKind, opts.shape.counter, opts.measured);
      const features: SentenceFeatures = {
        coverage: cov,
        // A sentence speaks under its section heading: what the heading names (“两覆盖一样板”总体布局)
        // the sentences below it explain, though they do not repeat it.
        headingGain: headed - cov,
        contextCoverage: ctx,
        prior,
        numbers: Math.min(2, numbers.filter((c) => c.alts.some((a) => s.norm.includes(a))).length),
        definitionVerb: opts.shape.definitional && DEFINITION.test(s.norm) && main.some((c) => c.alts.some((a) => s.norm.includes(a))) ? 1 : 0,
        // A definition names its subject first: “飞地接力”模式正是… / 产业飞地包括…
        definitionStart: opts.shape.definitional && main.some((c) => c.kind !== 'en' && c.alts.some((a) => a.length >= 2 && s.norm.slice(0, a.length + 4).includes(a))) ? 1 : 0,
        // An explicit X是指… leads whatever else matches: the strength of the defining pattern.
        definitionPattern: defRank >= 0 ? (DEFINES_BONUS[defRank] ?? 0) : 0,
        // A figure question is answered by a sentence holding a figure that the question does not already give,
        freshFigure: fresh ? 1 : 0,
        // and best by the figure of the thing measured (三类节点 for how many kinds of nodes).
        measuredFigure: fresh && opts.measured?.some((a) => a && holds(s.norm, a)) ? 1 : 0,
        places: opts.asksPlaces ? Math.min(3, places.length) : 0,
        short: s.text.length < SHORT_CHARS ? 1 : 0, // fragments rarely answer on their own
        english: CJK.test(s.text) ? 0 : 1, // English abstract sentences: the facts are in the Chinese body
        long: s.text.length > 240 ? 1 : 0,
        bankAnswer: opts.bankAnswers?.length ? bankAnswerScore(s, opts.bankAnswers) : 0,
        // 本文的创新点… / 研究方法上… speak of the paper: an answer only to a question about it.
        aboutPaper: !opts.aboutPaper && speaksOfPaper(s.text) ? 1 : 0,
        namedPaper: opts.namedPapers?.length ? (opts.namedPapers.includes(s.docId) ? 1 : -1) : 0,
        // An example asked for: a sentence opening one, or naming particular places (云和、景宁、文成、泰顺等山区县…).
        instance: opts.example && (EXAMPLE_OPENS.test(s.text) || placesIn(s.text).length >= 2) ? 1 : 0,
      };
      const score = sentenceScore(features, opts.model ?? sentenceModel());
      // A sentence that only its heading ties to the question may still be chosen (its coverage is
      // the heading's share, weighted as in the score).
      byKey.set(key, { ...s, coverage: cov || HAND_WEIGHTS.headingGain * headed, score, features });
    }
  });
  return [...byKey.values()];
}

/** A sentence that opens an example or a case. */
const EXAMPLE_OPENS = /^(?:例如|比如|譬如|如|以[^，。]{1,20}为例|[^，。]{0,20}就是一个例子|(?:一个)?典型的?(?:例子|案例)(?:是|为|：))/;
/** What carries an example's story on: the same actor again, or what happened to it later. */
const CARRIES_STORY = /^(?:自\s*\d|截至|近年来|此后|随后|之后|目前|在此过程中|该企业|该园区|该县|该市)/;
/** Terms a text sets in quotation marks (“消薄飞地”), matchText form. */
function quotedTerms(text: string): string[] {
  return [...text.matchAll(/[“"「]([^”"」]{2,10})[”"」]/g)].map((m) => matchText(m[1]!));
}
/** How far below the best sentence one naming the described term may be taken for a name question. */
const NAME_REACH = 0.4;
/** How far below the best sentence one stating the asked figure may be taken when no chosen one states it. */
const FIGURE_REACH = 0.6;
/** …and the share of the best one's coverage it must have: a figure of something else is no answer. */
const FIGURE_COVERAGE = 0.7;

/** A figure and its unit (34.43 亿元, 16个, 46.2%): the unit says what kind of figure it is. */
const FIGURE_UNIT = /\d[\d.,]*\s*(亿元|万元|元|亿|万|平方公里|亩|%|个|家|列|人|项)/g;
/** The second of two clauses stating figures in one unit shares a word of the first (收入 … 收入): the same measure. */
function sameMeasure(a: Candidate, b: Candidate): boolean {
  const words = (t: string) => new Set((t.match(/[\u4e00-\u9fff]{2}/g) ?? []));
  const wa = words(a.norm);
  return [...words(b.norm)].filter((w) => wa.has(w)).length >= 2;
}

// A sentence that carries on the one before it: pronoun or connective openings (该模式…, 其…, 一是…).
const CONTINUES = /^(?:该|其|这|此|即|具体|一是|二是|三是|包括|分为|同时|而|另一|反之|相反|前者|后者|一方面|另一方面|第[二三四]|其次|再次|最后|与之|对应)/;

/** A sentence saying what something makes possible or brings about (…可以实现…, 从而…, 有助于…), within its first clause. */
const DOES_GOOD = /^[^，。；：,;:]{0,24}?(?:可以|能够|可|能|有助于|有利于|得以|从而|由此|进而|这使得|使得|带动|实现)/;
/** A short sentence that only names an item of an account: 第二类是技术操作人才。 / 其一是…。 / 二是…。 */
const NAMES_ITEM = /^(?:第[一二三四五六七八九十]+(?:类|种|个|方面|是)|其[一二三四五六七八九十]|[一二三四五六七八九十]是)[^，。；,;]{1,16}[。；;]?$/;
/** A sentence dividing something into three or more named kinds: 可分为A、B、C等 / 主要包括A、B和C. */
const DIVIDES_INTO = /(?:分为|分成|划分为|包括|包含)[^。；;，,]{2,24}、[^。；;，,]{2,24}(?:、|和|及|与)[^。；;，,]{2,24}/;
/** The sentence names kinds in prose: in a run sharing a head (起始飞地—中继飞地—终端飞地) or dividing into three or more. */
export function namesKindsInProse(text: string): boolean {
  return kindRun(text).length >= 2 || DIVIDES_INTO.test(text);
}
/** How far below the best a sentence naming the asked kinds in prose may score and still be taken. */
const KIND_RUN_REACH = 0.5; // (grid 0.3–0.7: alike)
/** How many of the chosen sentences, best first, are read on for what good they lead to. */
const BENEFIT_LOOKUP = 3;

/** How many sentences on, within the paragraph, the next step of an account is looked for. */
const STEP_LOOKAHEAD = 5;
/** A step of an ordered account (初期… | 后期…; 一方面… | 另一方面…) and the opening of the step after it. */
const SEQUENCES: Array<[RegExp, RegExp]> = [
  [/(?:^|[，：:；。])\s*第一(?:类|种)/, /^第二(?:类|种)/],
  [/(?:^|[，：:；。])\s*(?:初期|前期|早期|起初|最初|开始时|起步阶段)[，,]/, /^(?:后期|后来|随后|此后|之后|中后期|近年来)/],
  [/(?:^|[，：:；。])\s*一方面/, /^另一方面/],
  [/(?:^|[，：:；。])\s*首先/, /^(?:其次|然后|再次)/],
  [/(?:^|[，：:；。])\s*其一[，,]/, /^其二/],
];

/** A sentence opening a step this short names the point the next one explains. */
const LEAD_IN_CHARS = 30;
/** A paragraph of at most this many sentences is one rule: two of its sentences chosen bring the rest (4 and 6 the same on the sets). */
const PARAGRAPH_MAX = 6;
/** How far down the ranking the first measure is looked for. */
const MEASURE_LOOKUP = 8;
/** A sentence that states a step to take: a measure verb within its opening words (未来要强化…, 建立…, 第二，推进…). */
function opensMeasure(sentence: string): boolean {
  const head = sentence.replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.．]?|^(?:第[一二三四五六七八九十]+|其[一二三四五六七八九十]|[一二三四五六七八九十]是)[，、]?/, '').slice(0, 24);
  return measureVerbs().some((v) => head.includes(v)) && /要|应|需|建立|构建|推进|推动|加强|完善|强化|[一二三四五六七八九十]是|第[一二三四五六七八九十]/.test(head);
}
/**
 * Below this many characters a sentence is a fragment (a heading, 享受同城同等待遇。) that rarely answers on its own.
 * 14 on the 38 sets (was 20: a rule as short as “消薄飞地”须实行收益保底。 is an answer; +2 −1 in-sample).
 */
const SHORT_CHARS = 14;

/** A sentence naming a place not yet named joins a "which places" answer down to this share of the best score. */
const PLACE_REACH = 0.35;

/** How far down the ranking a sentence counting the asked kinds is looked for. */
const KINDS_LOOKUP = 10;

/**
 * A sentence that counts the kinds of one of the nouns in prose, announcing them: 设立…三类节点, 可分为三类功能型
 * 节点, 两种模式. A count opening the sentence (三类节点通过…, 这三类…) refers back to kinds named before.
 */
export function countsKinds(norm: string, nouns: string[]): boolean {
  if (!nouns.length) return false;
  const m = new RegExp(`[两二三四五六七八九十]\\s*(?:大)?(?:类|种)[^，。；,;]{0,4}?(?:${nouns.join('|')})`).exec(norm);
  return !!m && m.index > 1;
}

/** A sentence that opens the next step of an account (后期…, 另一方面…, 其次…). */
export function isNextStep(sentence: string): boolean {
  return SEQUENCES.some(([, then]) => then.test(sentence));
}

/** The line (paragraph) of the document holding `offset`: its start and end offsets. */
function lineAround(docText: string, offset: number): [number, number] {
  const end = docText.indexOf('\n', offset);
  return [docText.lastIndexOf('\n', offset - 1) + 1, end < 0 ? docText.length : end];
}

/** Sentence `s` of the document text starting at `base`, as a candidate beside `c` (verbatim, trimmed, unscored). */
function sentenceAt(c: Candidate, base: number, s: { text: string; start: number }, extra: Partial<Candidate> = {}): Candidate {
  const text = s.text.trim();
  const offset = base + s.start + (s.text.length - s.text.trimStart().length);
  return { ...c, text, norm: matchText(text), offset, end: offset + text.length, ...extra, coverage: 0, score: 0 };
}

/** The sentences following `c` up to `until` in the document (headings skipped), verbatim, read with `c` before them. */
function followingUntil(c: Candidate, docText: string, until: number, max: number): Candidate[] {
  const out: Candidate[] = [];
  for (const s of splitSentences(docText.slice(c.end, until))) {
    if (out.length >= max) break;
    const text = s.text.trim();
    if (text.length < MIN_CHARS || text.startsWith('#')) continue;
    out.push(sentenceAt(c, c.end, s, { context: c.norm, paragraph: `${c.paragraph}${c.norm}\n` }));
  }
  return out;
}

/** The sentences following `c` in its section of the document (up to the next heading line), verbatim. */
function followingInSection(c: Candidate, docText: string, max: number): Candidate[] {
  const next = docText.slice(c.end).search(/\n#/);
  return followingUntil(c, docText, next < 0 ? docText.length : c.end + next, max);
}

/** The sentences following `c` in its paragraph of the document (same line), verbatim. */
function following(c: Candidate, docText: string, max: number): Candidate[] {
  return followingUntil(c, docText, lineAround(docText, c.end)[1], max);
}

/** The sentence right before `c` in its paragraph of the document (same line), verbatim. */
function preceding(c: Candidate, docText: string): Candidate | undefined {
  const [lineStart] = lineAround(docText, c.offset);
  const last = splitSentences(docText.slice(lineStart, c.offset)).filter((x) => x.text.trim().length >= MIN_CHARS).at(-1);
  return last ? sentenceAt(c, lineStart, last) : undefined;
}

/**
 * The 1–5 sentences (about 700 characters, the layout issue 10 asks for) that best answer: the best one, then others close to it in score (no near
 * duplicates, at most two documents, within a length budget), in a readable order — the best
 * sentence's document first, sentences of one document in text order.
 *
 * Two additions keep multi-part answers whole: a sentence that covers a question concept none of
 * the chosen ones covers is taken at a lower score (衢州 … 和深圳 from a second paper; 股份制 and
 * 动态分成 from two papers), and a definition or a list of kinds runs on into the following
 * sentences of its paragraph when they continue it (飞地接力 → 起始飞地—中继飞地—终端飞地).
 */
/** The length budget of one answer, in characters, unless the caller sets another (the layout issue 10 asks for). */
export const ANSWER_CHARS = 700;

export function selectSentences(candidates: Candidate[], opts: SelectOptions): Candidate[] {
  const maxSentences = opts.maxSentences ?? 5;
  const maxChars = opts.maxChars ?? ANSWER_CHARS;
  // (an example asked after a question — 有没有实际例子？ — shares no word with its example: an instance of what the context
  // asked about counts, though it covers nothing of the follow-up's own words)
  const ranked = candidates.filter((c) => c.coverage > 0 || (opts.example && !!c.features?.instance && (c.features?.contextCoverage ?? 0) > 0)).sort((a, b) => b.score - a.score);
  const counting = opts.kindsOf?.length ? ranked.slice(0, KINDS_LOOKUP).find((c) => countsKinds(c.norm, opts.kindsOf!)) : undefined;
  const best = counting ?? ranked[0];
  if (!best) return [];
  const chosen: Candidate[] = [best];
  let chars = best.text.length;
  const spread = opts.docs ?? [];
  const maxDocs = Math.max(2, spread.length);
  const covered = (c: Concept) => chosen.some((x) => c.alts.some((a) => x.norm.includes(a)));
  const addsConcept = (s: Candidate) => opts.concepts.some((c) => c.kind !== 'num' && !covered(c) && c.alts.some((a) => s.norm.includes(a)));
  // A "which places" question: a sentence naming a place no chosen sentence names yet adds to the answer.
  // (of the place asked about: 衢州在深圳设立孵化平台 answers where 衢州 set up enclaves, a sentence on 武汉's parks does not)
  const ofSubject = (c: Candidate) => !opts.asksPlaces?.own.length || opts.asksPlaces.own.some((o) => o.length >= 2 && c.norm.includes(o));
  const addsPlace = (c: Candidate) => newPlaces(c.text, opts.asksPlaces).some((p) => !chosen.some((x) => x.text.includes(p)));
  const fits = (c: Candidate, anyPaper = false) => {
    if (chosen.length >= maxSentences || chars + c.text.length > maxChars) return false;
    const docs = new Set(chosen.map((x) => x.docId));
    if (!anyPaper && !docs.has(c.docId) && docs.size >= maxDocs) return false;
    if (chosen.some((x) => x.offset === c.offset || nearDuplicate(x.norm, c.norm))) return false;
    return true;
  };
  const take = (c: Candidate) => {
    chosen.push(c);
    chars += c.text.length;
  };
  /** Sentences a step below took as the answer's point (the item asked by its ordinal, what an item is, what good a
   * circumstance leads to), and the sentences they belong to: later steps keep them. */
  const pinned = new Set<Candidate>();
  /** Takes `next`, in place of the weakest chosen sentence (not one of `keep`, nor one `kept` says to keep) when the answer is full. */
  const takeInPlaceOfWeakest = (next: Candidate, keep: Candidate[], kept: (x: Candidate) => boolean = () => false) => {
    if (!fits(next)) {
      const weakest = chosen.filter((x) => !keep.includes(x) && !kept(x) && !pinned.has(x)).sort((a, b) => a.score - b.score)[0];
      if (!weakest) return;
      chosen.splice(chosen.indexOf(weakest), 1);
      chars -= weakest.text.length;
      if (!fits(next)) {
        take(weakest);
        return;
      }
    }
    take(next);
  };
  /** Takes `next` as takeInPlaceOfWeakest does and, when it is in, keeps it and `with` from later steps; whether it is in. */
  const takeAndKeep = (next: Candidate, keep: Candidate[], withIt: Candidate[] = []) => {
    takeInPlaceOfWeakest(next, keep);
    if (!chosen.includes(next)) return false;
    for (const x of [next, ...withIt]) pinned.add(x);
    return true;
  };

  // A definition or a list of kinds: the paragraph's following sentences, while they carry on.
  if ((opts.shape.definitional || opts.shape.enumerative) && opts.docText) {
    const text = opts.docText(best.docId);
    if (text) {
      for (const next of following(best, text, 2)) {
        const carries = CONTINUES.test(next.text) || addsConcept(next) || (opts.shape.enumerative && opts.concepts.some((c) => c.kind !== 'num' && c.alts.some((a) => next.norm.includes(a))));
        if (!carries || !fits(next)) break;
        take(next);
      }
    }
  }
  // A figure set side by side across papers (山海协作工程哪一年开始，各篇说法一致吗): each paper's sentence stating it is that
  // paper's view, whatever else ranks higher in it (浙江、江苏自 2001年起…“山海协作”工程 beside 于2002年正式实施).
  if (opts.figureHeld && spread.length >= 2) {
    for (const d of spread) {
      if (chosen.some((c) => c.docId === d && opts.figureHeld!(c.norm))) continue;
      const stating = ranked.find((c) => c.docId === d && opts.figureHeld!(c.norm));
      if (stating) takeAndKeep(stating, [best]);
    }
  }
  // An item asked by its ordinal (其中第二类人才…？): the sentence of the account that opens with that ordinal (第二类是…) is
  // the item, whatever else the ranking put first.
  const ordinal = opts.ordinal;
  if (ordinal && !chosen.some((c) => c.text.startsWith(ordinal))) {
    const opening = ranked.find((c) => c.text.startsWith(ordinal) && (!opts.namedPapers?.length || opts.namedPapers.includes(c.docId)));
    if (opening) takeAndKeep(opening, []);
  }
  // A short sentence naming one item of an account (第二类是技术操作人才。) says only its name: the sentences after it that
  // carry on (这类人才具有…) are what it is.
  if (opts.docText) {
    for (const c of [...chosen]) {
      if (!NAMES_ITEM.test(c.text)) continue;
      const text = opts.docText(c.docId);
      if (text) for (const next of following(c, text, 2)) {
        if (!CONTINUES.test(next.text) || chosen.some((x) => x.offset === next.offset) || !takeAndKeep(next, [best, c], [c])) break;
      }
    }
  }
  // An example asked for (能举个例子吗): the example runs on through the sentences after it that
  // carry on its story (例如，园区内某…企业…回流衢州。| 自2019年以来，该企业已申请…40余项专利).
  // (…and so does the example an answer leads with when none was asked for: 该企业…40余项专利 is the rest of what it says of that firm)
  if (opts.docText && EXAMPLE_OPENS.test(best.text)) {
    const text = opts.docText(best.docId);
    if (text) {
      for (const next of following(best, text, 2)) {
        if (!(CONTINUES.test(next.text) || CARRIES_STORY.test(next.text)) || !fits(next)) break;
        take(next);
      }
    }
  }
  // (a question across papers naming its subject — 衢州的科创飞地设在哪些城市，几篇文章说的不一样 — is answered by the
  // subject's places first, each paper's other sentences after: the answer is the list of places)
  if (opts.shape.multiDoc && opts.asksPlaces?.own.length) for (const c of ranked.slice(1)) if (c.score >= PLACE_REACH * best.score && ofSubject(c) && addsPlace(c) && fits(c, true)) take(c);
  // Measures asked for (那对策呢, how does the paper want to fix that?): the best-ranked measure of the best sentence's
  // paper runs on into the measures after it in its paragraph (强化…合作，根据市场分布统筹安排… | 建立…议事协调机制), each a step of one answer.
  if (opts.measures && opts.docText) {
    const first = ranked.slice(0, MEASURE_LOOKUP).find((c) => opensMeasure(c.text) && c.docId === best.docId);
    if (first && (chosen.includes(first) || fits(first))) {
      if (!chosen.includes(first)) take(first);
      const text = opts.docText(first.docId);
      if (text) for (const next of following(first, text, 2)) {
        if (!opensMeasure(next.text) || !fits(next)) break;
        take(next);
      }
    } else {
      // (…or, under a heading that is itself a measure — （二）借助社会资金支持，推进基础设施建设 — the section's
      // sentences are its steps: the best one runs on into its section, past the paragraph's end)
      const under = ranked.slice(0, MEASURE_LOOKUP).find((c) => c.docId === best.docId && !!c.heading && opensMeasure(c.heading));
      const text = under ? opts.docText(under.docId) : undefined;
      if (under && text && (chosen.includes(under) || fits(under))) {
        if (!chosen.includes(under)) take(under);
        for (const next of followingInSection(under, text, 2)) {
          if (!fits(next)) break;
          take(next);
        }
      }
    }
  }
  // Several papers asked about: each one's best sentence.
  for (const d of spread) {
    if (chosen.some((x) => x.docId === d)) continue;
    // (in a "which places" answer, the paper's best sentence naming a new place of the subject asked about)
    const c = (opts.asksPlaces ? ranked.find((x) => x.docId === d && ofSubject(x) && addsPlace(x) && fits(x, true)) : undefined) ?? ranked.find((x) => x.docId === d && fits(x));
    if (c) take(c);
  }
  // A name asked for (…这叫什么？ what is it called?): when no chosen sentence holds a quoted term, the best-ranked sentence
  // of the best one's paper that holds a term its heading quotes (做精做透“消薄飞地” → …建立“消薄飞地”), or failing that any
  // quoted term, names what the description is of.
  if (opts.shape.nameAsked && !chosen.some((c) => quotedTerms(c.text).length)) {
    const headed = quotedTerms(best.heading ?? '');
    const inReach = ranked.filter((c) => c.docId === best.docId && c.score >= NAME_REACH * best.score && quotedTerms(c.text).length);
    const naming = inReach.find((c) => quotedTerms(c.text).some((t) => headed.includes(t))) ?? inReach[0];
    if (naming) takeInPlaceOfWeakest(naming, [best]);
  }
  // Kinds asked for (那几类节点都是啥): when no chosen sentence names the kinds in a run (“起始飞地—中继飞地—终端飞地”), the
  // best-ranked one in reach that does takes the weakest one's place — the kinds by their names, beside what each does.
  // (…or divides into them in prose: 具体可分为线性链接的科创走廊、面状整合的科创合作区、点状布局的创新策源地等)
  if (opts.kindsOf?.length && !chosen.some((c) => namesKindsInProse(c.text))) {
    const naming = ranked.find((c) => c.score >= KIND_RUN_REACH * best.score && namesKindsInProse(c.text));
    if (naming) takeInPlaceOfWeakest(naming, [best]);
  }
  // A figure question none of whose chosen sentences states a figure of the kind asked: the best-ranked one that does, in
  // reach of the best and covering the question nearly as well, takes the weakest one's place (the paper giving the document number, beside two that name the document).
  const statesFigure = (c: Candidate) => !!c.features?.freshFigure;
  if (opts.shape.quantity && !chosen.some(statesFigure)) {
    const stating = ranked.find((c) => statesFigure(c) && c.score >= FIGURE_REACH * best.score && c.coverage >= FIGURE_COVERAGE * best.coverage);
    if (stating) takeInPlaceOfWeakest(stating, [best]);
  }
  // A second paper's view first, when one comes close: questions often span the papers (衢州's
  // enclaves in two studies; revenue sharing by 股份制 in one, 动态分成 in another).
  const other = ranked.find((c) => c.docId !== best.docId && c.score >= 0.7 * best.score && fits(c));
  if (other) take(other);
  // Places first in a "which places" answer: each sentence naming a place not yet named, while in reach of the best.
  // (places are named across the papers: the two-paper limit does not hold for them)
  if (opts.asksPlaces) for (const c of ranked.slice(1)) if (c.score >= PLACE_REACH * best.score && addsPlace(c) && fits(c, true)) take(c);
  for (const c of ranked.slice(1)) {
    if (chosen.length >= maxSentences || c.score < 0.4 * best.score) break;
    // Close in score, or a lower-scored sentence that brings a concept nothing chosen covers yet.
    const close = c.score >= 0.6 * best.score;
    if (!close && !(c.score >= 0.4 * best.score && (addsConcept(c) || addsPlace(c)))) continue;
    if (!fits(c)) continue;
    take(c);
  }
  // What good something does (农闲时…能带来啥好处): a chosen sentence setting out the circumstance (生产周期外存在大量劳动力) is
  // followed in its paragraph by what is done with it (产业飞地可以实现…在“家门口”就业): that sentence is the answer's point.
  if (opts.benefit && opts.docText) {
    for (const c of [...chosen].sort((a, b) => b.score - a.score).slice(0, BENEFIT_LOOKUP)) {
      const text = opts.docText(c.docId);
      const next = text ? following(c, text, 1)[0] : undefined;
      if (!next || chosen.some((x) => x.offset === next.offset) || !DOES_GOOD.test(next.text)) continue;
      takeAndKeep(next, [best, c], [c]);
    }
  }
  // A list cut at a semicolon or colon (正向飞地…设置产业空间；| 反向飞地…): in a question about kinds
  // or a definition, the chosen sentence's next item is the other half of the answer.
  // (…and in a figure question, the next clause that states a further figure: …收入为 34.43 亿元；| 2022 年的一般公共预算平均收入为 21.56 亿元)
  // (…or, in any question, a clause whose figure the next clause pairs with a figure in the same unit: what about their
  // fiscal revenue? — …财政平均收入为 34.43 亿元；| …一般公共预算平均收入为 21.56 亿元)
  const units = (t: string) => new Set([...t.matchAll(FIGURE_UNIT)].map((m) => m[1]!));
  const paired = (a: Candidate, b: Candidate) => !opts.shape.quantity && [...units(a.norm)].some((u) => units(b.norm).has(u)) && sameMeasure(a, b);
  const fresh = (n: Candidate) => opts.shape.quantity && !opts.shape.years.length && hasFreshFigure(n.norm, opts.shape.numbers, opts.shape.figureKind, opts.shape.counter, opts.measured);
  // The next item carries on when it opens with a subject of the question (…；反向飞地由…).
  const opensWithSubject = (n: Candidate) => opts.concepts.some((q) => q.kind !== 'num' && q.alts.some((a) => a.length >= 2 && n.norm.slice(0, a.length + 2).includes(a)));
  if (opts.docText) {
    for (const c of [...chosen]) {
      if (!/[；;：:]$/.test(c.text)) continue;
      const text = opts.docText(c.docId);
      const next = text ? following(c, text, 1)[0] : undefined;
      if (!next || chosen.some((x) => x.offset === next.offset)) continue;
      if (paired(c, next)) {
        takeInPlaceOfWeakest(next, [best, c]);
        continue;
      }
      if (!(opts.shape.definitional || opts.shape.enumerative) && !fresh(c)) continue;
      if ((CONTINUES.test(next.text) || addsConcept(next) || opensWithSubject(next)) && fits(next)) take(next);
      // (a further figure is the answer's other half: it takes the place of the weakest other sentence when the answer is full)
      else if (fresh(next)) takeInPlaceOfWeakest(next, [best, c]);
    }
  }
  // 初期，…引发了…问题 | 后期，…又存在…现象: a chosen sentence that opens a sequence (初期, 一方面, 首先) is
  // half of what it says; the next sentence, when it opens with the sequence's next step, is the other
  // half, and takes the place of the weakest other sentence if the answer is full.
  if (opts.docText) {
    for (const c of [...chosen]) {
      const step = SEQUENCES.find(([first]) => first.test(c.text));
      if (!step) continue;
      const text = opts.docText(c.docId);
      // (the next step may come a few sentences on, after the first step's elaboration: 第一类是… 这类人才… 第二类是…)
      const next = text ? following(c, text, STEP_LOOKAHEAD).find((x) => step[1].test(x.text)) : undefined;
      if (!next || chosen.some((x) => x.offset === next.offset)) continue;
      takeInPlaceOfWeakest(next, [best, c], (x) => SEQUENCES.some(([f]) => f.test(x.text)));
    }
  }
  // 一方面，发挥好“飞入地”劳动力“蓄水池”效应。| 浙江山区26县…: a short sentence opening a step right before a chosen
  // one names the point that sentence explains; it leads it
  if (opts.docText) {
    for (const c of [...chosen]) {
      const text = opts.docText(c.docId);
      const lead = text ? preceding(c, text) : undefined;
      // (in place of the weakest other sentence when the answer is full: the point named comes with its explanation)
      if (lead && lead.text.length <= LEAD_IN_CHARS && SEQUENCES.some(([first]) => first.test(lead.text)) && !chosen.some((x) => x.offset === lead.offset)) {
        takeInPlaceOfWeakest(lead, [best, c], (x) => SEQUENCES.some(([first, next]) => first.test(x.text) || next.test(x.text)));
      }
    }
  }
  // 合作双方协商确定…比例… | (…省财政不参与分享…) | 政府主管部门分类制订…标准…: the one sentence between two chosen ones
  // of a paragraph is the middle of what they say; it joins them when there is room (in place of the weakest other sentence
  // it lost 22 and gained 7 over 62 sets: the weakest is often another paper's view)
  if (opts.docText) {
    const inOrder = [...chosen].sort((a, b) => a.docId.localeCompare(b.docId) || a.offset - b.offset);
    for (const [i, a] of inOrder.entries()) {
      const b = inOrder[i + 1];
      const text = opts.docText(a.docId);
      if (!b || b.docId !== a.docId || !text) continue;
      const [middle, after] = following(a, text, 2);
      if (middle && after?.offset === b.offset && middle.text.length >= MIN_CHARS && !chosen.some((x) => x.offset === middle.offset && x.docId === a.docId) && fits(middle)) take(middle);
    }
  }
  // 实行收益分成共享。合作双方协商确定… | …省财政不参与分享… | …“消薄飞地”须实行收益保底。: two chosen sentences of one short
  // paragraph make it the answer's subject; its other sentences are the rest of the same rule
  if (opts.docText) {
    for (const c of [...chosen]) {
      const text = opts.docText(c.docId);
      if (!text) continue;
      const [lineStart, lineEnd] = lineAround(text, c.offset);
      const inLine = (x: Candidate) => x.docId === c.docId && x.offset >= lineStart && x.offset < lineEnd;
      if (chosen.filter(inLine).length < 2) continue;
      const all = splitSentences(text.slice(lineStart, lineEnd));
      if (all.length > PARAGRAPH_MAX) continue;
      for (const x of all) {
        const cand = sentenceAt(c, lineStart, x);
        if (cand.text.length < MIN_CHARS || chosen.some((y) => y.docId === c.docId && y.offset === cand.offset)) continue;
        if (fits(cand)) take(cand);
      }
    }
  }
  const docOrder = [...new Set(chosen.map((c) => c.docId))];
  return chosen.sort((a, b) => docOrder.indexOf(a.docId) - docOrder.indexOf(b.docId) || a.offset - b.offset);
}
