import { holds } from './match';
import { contentTerms, getJieba, normalize } from '../retrieval/tokenize';
import { expandQuery, getGlossary, getSynonyms, glossChinese } from '../retrieval/glossary';
import { matchText, type CorpusStats } from './stats';
import { stripFraming } from './question';
import { specificity } from './general-idf';
import { remember } from '../memo';

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

// Tags of single characters that glue into a phrase, not a name: localisers (上/里/中), prepositions,
// adverbs, particles, conjunctions, pronouns.
const GLUE_TAG = /^(?:f|p|d|u|c|r)$/;

/**
 * An unknown segment that the dictionary alone cuts into single characters, one of them a localiser,
 * preposition, adverb or particle (指标上能享受 → 上能 = 上 + 能), or the last a verb's complement or a
 * measure word: a mis-cut phrase, not a name —
 * names cut into content characters (深汕 = 深 + 汕, 金磐 = 金 + 磐).
 */
function functionGlue(word: string): boolean {
  const pieces = getJieba().tag(word, false);
  if (pieces.length < 2 || !pieces.every((p) => p.word.length === 1)) return false;
  // …or ending on a verb's complement or a measure word (挪到 = 挪 + 到, 有个 = 有 + 个): a verb phrase.
  const last = pieces[pieces.length - 1]!;
  // …or opening on a verb of speech or doing (说人话 = 说 + 人 + 话, 搞法): a verb phrase typed together.
  // (…or a verb with only describing words after it: 占全 = 占 + 全)
  const opensOnVerb = pieces[0]!.tag === 'v' && (SPEECH_OR_DOING.test(pieces[0]!.word) || pieces.slice(1).every((p) => /^(?:a|ad|d|m|q)$/.test(p.tag)));
  return pieces.some((p) => GLUE_TAG.test(p.tag)) || (COMPLEMENT.test(last.word) && /^(?:v|q|u)/.test(last.tag)) || opensOnVerb;
}
const COMPLEMENT = /^[到个了着过完掉住给]$/;
/** Everyday verbs of speech and doing that open a phrase, never a name: 说, 讲, 问, 搞, 弄, 干, 做, 看, 想. */
const SPEECH_OR_DOING = /^[说讲问搞弄干做看想]$/;

// Common Chinese surnames (single characters): a person's name starts with one.
export const SURNAMES =
  '王李张刘陈杨车黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

/**
 * A two-character word jieba's table tags as a person's name (nr) is one only when it starts with a
 * surname: the table also tags verb phrases so (卡住), which would read as a name the corpus lacks.
 */
const nameTag = (word: string, t: string) => /^(?:ns|nt|nz)/.test(t) || (t.startsWith('nr') && (word.length > 2 || SURNAMES.includes(word[0]!)));

/** The role of a Chinese word from jieba's part-of-speech tags (ns/nr/nt/nz are names). */
export function zhRole(word: string): Role {
  const tagged = getJieba().tag(word, true);
  const tags = tagged.map((t) => t.tag);
  if (tagged.some((t) => nameTag(t.word, t.tag))) return 'entity';
  // Unknown to jieba's dictionary and not a mis-cut phrase: an out-of-dictionary name (深汕, 雄安).
  if (tags.some((t) => t === 'x')) return FUNCTION_CHARS.test(word) || word.length < 2 || functionGlue(word) ? 'other' : 'entity';
  // (a two-character word cut into a noun and a verb after it — 飞/n 到/v of 谁飞到谁那里 — is a verb phrase: Chinese puts a
  // compound's head last)
  if (word.length === 2 && tagged.length === 2 && tagged[1]!.tag === 'v') return 'other';
  if (tags.some((t) => /^(?:n|vn|eng)/.test(t))) return 'noun';
  return 'other';
}

let synonymIndex: Map<string, string[]> | undefined;
/**
 * The papers' wordings for an everyday word of the question (看病 → 医疗, 上学 → 教育), from the
 * retrieval synonym groups: a paraphrased question is covered when the passage uses the formal word.
 */
const synonymsCache = new Map<string, string[]>();
function synonymsOf(word: string): string[] {
  // (the scan below reads every synonym term)
  return remember(synonymsCache, word, 20_000, scanSynonyms);
}
function scanSynonyms(word: string): string[] {
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
  // 两平方公里 → 2平方公里, 一百公里 → 100公里, 三千亩 → 3000亩, 两千万 → 2000万 (the papers keep 万 and 亿 as units)
  m = /^([零一二两三四五六七八九十百千]+)([^零一二两三四五六七八九十百千成分].*)$/.exec(word);
  // (a numeral of units alone is a word: 千万, 百姓, 千方百计 — except 十, 十年)
  const n = m && /^十|[零一二两三四五六七八九]/.test(m[1]!) ? zhInteger(m[1]!) : undefined;
  if (m && n !== undefined) out.push(`${n}${m[2]}`);
  return out;
}

/** A Chinese numeral below ten thousand as an integer (三百五十 → 350, 十二 → 12); undefined if malformed. */
export function zhInteger(numeral: string): number | undefined {
  const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const ch of numeral) {
    const unit = UNITS[ch];
    if (unit) {
      // units fall (三千五百), each at most once
      if (unit >= lastUnit) return undefined;
      total += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
    } else {
      // 零 only holds a place (两千零五)
      if (ch === '零' && digit === undefined && total > 0) continue;
      const d = DIGIT[ch];
      if (d === undefined || digit !== undefined) return undefined;
      digit = d;
    }
  }
  return total + (digit ?? 0);
}

// Words that phrase a question rather than name its subject (retrieval's stoplist keeps them).
const QUESTION_WORDS = new Set(
  ('意思 多大 多少钱 一样 能不能 会不会 有没有 是不是 可不可以 哪一年 哪年 哪些地方 怎么办 为啥 啥 吗 呢 ' +
    '到底 究竟 或者 或是 打几折 几折 能减 多少个点 几个点 ' +
    '几类 哪几类 哪一类 第一个 区别 不同 办法 当初 至今 一部分 一家 实际上 ' +
    // relational locatives (园区之间, 其中当中): they place the subject, they are not one
    '之间 相互之间 彼此之间 当中 之中 里头 里边 ' +
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

export interface ExtractOptions {
  /**
   * Corpus words for a Chinese word the papers never use (the retriever's dictionary bridge:
   * 毛病 → 缺失, 界定 → 定义), with a strength 0–1; strong ones become alternatives of the concept.
   */
  aliases?: (word: string) => Array<[string, number]> | undefined;
  /**
   * Corpus words for an English question word outside the glossary (the retriever's dictionary
   * bridge: visa → 签证, engineer → 工程师), with a strength 0–1: the Chinese body, not the English
   * abstract, is where such a word's answer is, so the concept matches it there too.
   */
  english?: (word: string) => Array<[string, number]> | undefined;
}

/** Bridge senses of an unglossed English word at least this strong join its alternatives (at most EN_ALIAS_MAX). */
export const EN_ALIAS_MIN = 0.35;
const EN_ALIAS_MAX = 4;

/** Bridge aliases at least this strong stand for the question word (weaker ones are loose senses: 含义 → 文章). */
export const ALIAS_MIN = 0.5;

// Single characters a question's segmentation glues to a neighbouring word (2021年央企 → 年央企).
const COUNTER_AFTER_QUANTITY = /((?:多少|几)(?:余|多)?[个项家座条件名位所批类种])(?=[\u4e00-\u9fff])/g;
const GLUE_CHARS = /^[年月日的了跟和与及在把被给让得着过也都就还各时哪从向对将]$/;

/**
 * A word the corpus never uses that jieba's HMM made by gluing a function character to a corpus
 * word (2021年央企 → 年央企, 的飞地): without its glued characters, or cut again by the dictionary
 * alone, it is the corpus word(s). Names are left whole (雄安新区 → 雄/安/新区 has pieces that are
 * neither glue nor corpus words).
 */
function repairMiscut(word: string, stats: CorpusStats): string[] {
  if (word.length < 3 || !/^[\u3400-\u9fff]+$/.test(word) || stats.df(matchText(word)) > 0) return [word];
  let core = word;
  while (core.length > 2 && GLUE_CHARS.test(core[0]!)) core = core.slice(1);
  while (core.length > 2 && GLUE_CHARS.test(core.at(-1)!)) core = core.slice(0, -1);
  if (core !== word && stats.df(matchText(core)) > 0) return [core];
  const pieces = getJieba().cut(word, false);
  if (pieces.length < 2) return [word];
  const kept = pieces.filter((p) => !GLUE_CHARS.test(p));
  if (kept.length === pieces.length || !kept.every((p) => p.length >= 2 && stats.df(matchText(p)) > 0)) return [word];
  return kept;
}

/**
 * A compound the papers never write whole but write with a short insertion (地方税 → 地方级税收,
 * 合作项目 → 合作重大项目): the corpus strings of its dictionary pieces in order, at most two
 * characters apart. Pieces must be corpus words and one at least two characters long, so
 * single-character splits of an unknown word (房/价) do not match at random.
 */
function looseForms(word: string, stats: CorpusStats): string[] {
  if (word.length < 3 || !/^[\u3400-\u9fff]+$/.test(word)) return [];
  let pieces = getJieba().cut(word, false);
  // A dictionary word (地方税) is split at its head: 地方 + 税.
  if (pieces.length === 1) pieces = [word.slice(0, -1), word.slice(-1)];
  if (pieces.length > 3 || !pieces.some((p) => p.length >= 2)) return [];
  if (!pieces.every((p) => stats.df(matchText(p)) > 0)) return [];
  return stats.matchesOf(new RegExp(pieces.map((p) => escapeRe(matchText(p))).join('[\\u3400-\\u9fff]{1,2}')));
}

const looseCache = new WeakMap<CorpusStats, Map<string, string[]>>();
/** looseForms, remembered per corpus: a glossary term recurs across questions and each scan reads the whole corpus. */
function cachedLooseForms(word: string, stats: CorpusStats): string[] {
  let m = looseCache.get(stats);
  if (!m) looseCache.set(stats, (m = new Map()));
  let v = m.get(word);
  if (!v) m.set(word, (v = looseForms(word, stats).filter((f) => f !== matchText(word))));
  return v;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Provinces and their one-character abbreviations, which pair up in names of cooperation between
// two of them (苏陕合作, 沪苏, 川渝, 京津冀): Jiangsu–Shaanxi evidence says 苏陕, not 江苏.
const PROVINCE_ABBR: Record<string, string> = {
  北京: '京', 天津: '津', 上海: '沪', 重庆: '渝', 河北: '冀', 山西: '晋', 辽宁: '辽', 吉林: '吉', 黑龙江: '黑',
  江苏: '苏', 浙江: '浙', 安徽: '皖', 福建: '闽', 江西: '赣', 山东: '鲁', 河南: '豫', 湖北: '鄂', 湖南: '湘',
  广东: '粤', 海南: '琼', 四川: '川', 贵州: '黔', 云南: '滇', 陕西: '陕', 甘肃: '甘', 青海: '青', 内蒙古: '蒙',
  广西: '桂', 西藏: '藏', 宁夏: '宁', 新疆: '新', 香港: '港', 澳门: '澳',
};
const ABBR_CHARS = Object.values(PROVINCE_ABBR).join('');

/** The corpus's paired abbreviations holding a province's (苏陕 for 江苏), full names aside (辽宁 is not 辽+宁夏). */
function provincePairs(name: string, stats: CorpusStats): string[] {
  const a = PROVINCE_ABBR[name.replace(/省$/, '')];
  if (!a) return [];
  const found = stats.matchesOf(new RegExp(`${a}[${ABBR_CHARS}]|[${ABBR_CHARS}]${a}`), 5);
  return found.filter((pair) => pair !== `${a}${a}` && !Object.keys(PROVINCE_ABBR).some((n) => n.includes(pair)));
}

// A continent is also named by its parts and pairings (西欧, 中东欧, 中欧班列's 中欧, 欧亚): Europe's
// evidence may say 西欧 without 欧洲.
const CONTINENT_PARTS: Record<string, string[]> = {
  欧洲: ['西欧', '东欧', '北欧', '南欧', '中欧', '中东欧', '欧亚', '欧盟'],
  亚洲: ['东亚', '南亚', '西亚', '中亚', '东南亚', '欧亚', '亚太'],
  非洲: ['北非', '南非', '东非', '西非', '中非'],
  美洲: ['北美', '南美', '拉美', '中美洲'],
};
const continentParts = (name: string): string[] => CONTINENT_PARTS[name] ?? [];

// A place name with its administrative suffix (磐安县, 衢州市): the papers often drop the suffix (吸纳磐安…).
const ADMIN_SUFFIX = /^([\u3400-\u9fff]{2,})[县市省区镇乡村]$/;
/** A place name without its administrative suffix (浙江省 → 浙江, 庆元县 → 庆元), when it has one. */
const withoutAdminSuffix = (name: string): string[] => {
  const stem = ADMIN_SUFFIX.exec(name)?.[1];
  return stem ? [stem] : [];
};

/** The concepts of a question: glossary phrases (English → Chinese), numbers, then the remaining content words. */
export function extractConcepts(question: string, stats: CorpusStats, opts: ExtractOptions = {}): Concept[] {
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
    let weight = !own.length && c.role === 'other' ? c.weight * ABSENT_WORDING_WEIGHT : c.weight;
    // A Chinese word the papers never use counts by how specific it is in general Chinese: 办法,
    // 含义, 毛病 are how people ask about anything; 护照, 世界杯 name a subject. Names count fully.
    if (!own.length && c.kind === 'zh' && c.role !== 'entity') weight *= specificity(c.label);
    out.push({ ...c, weight, idf });
  };
  // Framing (这个概念应当怎样界定, 各篇文章提了哪些办法) is not the subject; the whole question is
  // used only when nothing else is left.
  const topic = stripFraming(question);
  const text = /[\p{L}\p{N}]/u.test(topic) ? topic : question;
  const raw = text.normalize('NFKC');
  const norm = normalize(text);
  const glossed = new Set<string>();
  for (const m of expandQuery(text).terms) {
    m.en.split(' ').forEach((w) => glossed.add(w));
    // "What does X mean?" asks for a definition: 内涵/定义 phrase the question, they are not its subject.
    if (m.zh.every((z) => DEFINITION_WORDS.test(z))) continue;
    // The English words count too: English questions also reach the papers' English abstracts.
    // The gloss shown to the user is the glossary's preferred English, not the stemmed match.
    const gloss = preferredGloss(m.zh[0] ?? '') ?? m.en;
    let role = zhRole(m.zh[0] ?? '');
    // In English a name is written with a capital (Quzhou, Laos): a lowercase word glossed to one
    // jieba tags as a place or does not know (urban → 城市, opened → 开园) is an ordinary noun,
    // not a name the evidence must repeat.
    if (role === 'entity' && /^[a-z]/.test(m.en) && !writtenAsName(raw, m.en)) role = 'noun';
    // (a province or city glossed with its suffix — Zhejiang province → 浙江省 — is written without it as often: 浙江)
    const pairs = role === 'entity' ? m.zh.flatMap((z) => [...provincePairs(z, stats), ...continentParts(z), ...withoutAdminSuffix(z)]) : [];
    // The papers may write a glossed compound with a short insertion (用地指标 → 用地计划指标).
    const loose = m.zh.flatMap((z) => cachedLooseForms(z, stats));
    add({ label: m.zh[0] ?? m.en, alts: [...new Set([...m.zh, m.en, ...pairs, ...loose].map(matchText))], kind: 'gloss', weight: 1, gloss, role });
  }
  for (const n of norm.match(NUMBER) ?? []) add({ label: n, alts: [n], kind: 'num', weight: 1, role: 'noun' });
  // 多少项事, 几家单位: jieba glues the counter to the noun after a quantity word (项事), which
  // then reads as a name the papers lack; the counter ends the quantity, not the noun.
  const words = contentTerms(text.replace(COUNTER_AFTER_QUANTITY, '$1 ')).flatMap((t) => (/^[a-z0-9]/.test(t) ? [t] : repairMiscut(t, stats)));
  for (const t of [...new Set(words)]) {
    if (/^\d+(?:\.\d+)?$/.test(t) || glossed.has(t)) continue; // numbers are handled above, unstemmed
    const isEn = /^[a-z]/.test(t);
    if (QUESTION_WORDS.has(t)) continue;
    if (isEn) {
      // A capitalised word inside an English question is a name (Laos, Shanwei, FIFA).
      // A word the papers have, inside a name whose other words are glossed (Kecheng Future Tech
      // Village → 柯城…村), is part of that name: the glossed words stand for it, so it is not a
      // name the Chinese evidence must repeat. An unknown word (Tokyo) stays a name.
      const inGlossedName = stats.df(matchText(t)) > 0 && nameRuns(raw).some((run) => run.some((w) => w.startsWith(t)) && run.some((w) => !w.startsWith(t) && glossed.has(w)));
      const role: Role = capitalised(raw, t) && !inGlossedName ? 'entity' : 'other';
      const senses = (opts.english?.(t) ?? []).filter(([, w]) => w >= EN_ALIAS_MIN).slice(0, EN_ALIAS_MAX).map(([a]) => a);
      add({ label: t, alts: [...new Set([matchText(t), ...senses.map(matchText)])], kind: 'en', weight: UNGLOSSED_EN_WEIGHT, role });
    } else {
      const role = zhRole(t);
      const alts = [t, ...synonymsOf(t)];
      if (role === 'entity') alts.push(...withoutAdminSuffix(t), ...provincePairs(t, stats), ...continentParts(t));
      if (stats.df(matchText(t)) === 0) {
        alts.push(...looseForms(t, stats));
        for (const [a, w] of opts.aliases?.(t) ?? []) if (w >= ALIAS_MIN) alts.push(a);
      }
      add({ label: t, alts: [...new Set(alts.map(matchText))], kind: 'zh', weight: 1, role });
    }
  }
  return out;
}

/** True when the glossary match's first word is written with a capital anywhere in the question (first word included). */
export function writtenAsName(question: string, match: string): boolean {
  const stem = match.split(/[\s-]/)[0]!;
  const words = question.match(/[A-Za-z][\w']*/g) ?? [];
  return words.some((w) => /^[A-Z]/.test(w) && w.toLowerCase().replace(/'/g, '').startsWith(stem));
}

/** Runs of two or more consecutive capitalised words (Kecheng Future Tech Village), lowercased. */
function nameRuns(question: string): string[][] {
  return (question.match(/[A-Z][\w']*(?:\s+[A-Z][\w']*)+/g) ?? []).map((r) => r.toLowerCase().split(/\s+/));
}

/** True when a word starting with `stem` is written with a capital inside the question (not as its first word). */
function capitalised(question: string, stem: string): boolean {
  // (a word opening a sentence — the question's first, or one after a full stop: "… in Hangzhou. Roughly what share" — is
  // capitalised by the sentence, not by being a name)
  const words = [...question.matchAll(/[A-Za-z][\w']*/g)].filter((m) => m.index! > 0 && !/[.!?]\s*["“'‘(]?$/.test(question.slice(Math.max(0, m.index! - 4), m.index)));
  return words.some((m) => /^[A-Z]/.test(m[0]) && m[0].toLowerCase().startsWith(stem));
}

/** IDF-weighted share of the concepts present in `normText` (matchText form); 0 when there are none. */
export function coverage(concepts: Concept[], normText: string): number {
  let total = 0;
  let hit = 0;
  for (const c of concepts) {
    const w = c.weight * c.idf;
    total += w;
    if (c.alts.some((a) => holds(normText, a))) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

/** English glosses of the glossary terms in `text` (retrieval's glossChinese), for the English frame. */
export { glossChinese };
