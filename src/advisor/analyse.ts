/**
 * First stage of the advisor: the question as the rest of the pipeline reads it — normalised
 * (Traditional characters, colloquial words), its answer type, a follow-up completed with the
 * previous question's subject, and the names it asks about that the corpus never mentions.
 */
import { isFacetWord, questionFacets } from '../knowledge/facets';
import { normalizeInput, soundAlikes } from '../knowledge/normalize';
import { questionType, type QuestionType } from '../knowledge/question-type';
import { FRAME_NOUN, needsPreviousSubject } from '../knowledge/follow-up';
import { placeNamed } from '../places/lexicon';
import { PINYIN_SYLLABLE } from '../places/pinyin';
import { getJieba } from '../retrieval/tokenize';
import type { CorpusStats } from './stats';
import { matchText } from './stats';
import { isCalendarYear, yearsIn } from './shapes/figure';
import type { Concept } from './terms';

export interface AnalysedQuestion {
  /** The question after normalisation. */
  text: string;
  /** What retrieval and evidence judging read: the question, with the previous subject for a follow-up. */
  query: string;
  type: QuestionType;
  /** The previous question's subject words added to a follow-up that has none of its own. */
  carried: string[];
  /** The previous question's subjects this follow-up puts another in place of (起始飞地 when it asks about 终端飞地). */
  replaced: string[];
  /** Names of parks, places or organisations the question asks about and the corpus never mentions. */
  unknownNames: string[];
  /** Years the question asks about that the corpus never mentions (到2030年…): nothing in it can be about them. */
  unknownYears: string[];
}

/**
 * Whether a concept is a subject: a noun or name the corpus uses, and specific to a part of it (a
 * word in a quarter of all passages — 飞地, 园区 — is the domain, not a subject).
 */
function isSubject(c: Concept, stats: CorpusStats): boolean {
  if (c.kind === 'num' || c.role === 'other' || FRAME_NOUN.test(c.label)) return false;
  const dfs = c.alts.map((a) => stats.df(a)).filter((d) => d > 0);
  return dfs.length > 0 && Math.min(...dfs) <= stats.n / 4;
}

/**
 * The query a follow-up is read as: the question plus the previous question's subjects, when it
 * points back or has no subject of its own (能举个例子吗？ after 什么是生态补偿飞地？).
 */
export function resolveFollowUp(question: string, context: string | undefined, own: Concept[], previous: Concept[], stats: CorpusStats): { query: string; carried: string[]; replaced: string[] } {
  if (!context) return { query: question, carried: [], replaced: [] };
  const ownSubjects = own.filter((c) => isSubject(c, stats));
  if (!needsPreviousSubject(question, ownSubjects.map((c) => c.label))) return { query: question, carried: [], replaced: [] };
  // "And what about the end node?" after a question on the starting node: the new subject takes its
  // sibling's place (终端飞地 for 起始飞地: one head, 飞地), and the sibling is not carried.
  const sibling = (c: Concept) => ownSubjects.some((o) => o.label !== c.label && sharesHead(o.label, c.label));
  const previousSubjects = previous.filter((c) => isSubject(c, stats));
  const carried = previousSubjects.filter((c) => !own.some((o) => o.label === c.label) && !sibling(c)).map((c) => c.label);
  const replaced = previousSubjects.filter(sibling).map((c) => c.label);
  // The year the previous question was about holds for the follow-up that names none (2022年的目标 → 那科创飞地呢).
  const years = own.some((c) => isCalendarYear(c.label)) ? [] : previous.filter((c) => isCalendarYear(c.label)).map((c) => c.label);
  carried.push(...years);
  return carried.length ? { query: `${carried.join(' ')} ${question}`, carried, replaced } : { query: question, carried: [], replaced };
}

/** Two Chinese compounds with one head (the last two characters) and different modifiers: 起始飞地 / 终端飞地, 起始节点 / 终端节点. */
function sharesHead(a: string, b: string): boolean {
  return /^[\u4e00-\u9fff]{3,}$/.test(a) && /^[\u4e00-\u9fff]{3,}$/.test(b) && a.slice(-2) === b.slice(-2) && !a.includes(b) && !b.includes(a);
}

/** Words that end the name of a park, zone, place or organisation. */
const NAME_SUFFIX = /(飞地产业园区|飞地产业园|飞地园区|知识城|科学城|生态城|产业园|工业园区|工业园|科技园|创新园|开发区|经开区|高新区|科技城|合作区|示范区|试验区|新区|园区|集团|公司|管委会|研究院|大学|银行|基金会|飞地|镇|乡|村|县|市)/g;
/** Requests that may open the words before a suffix: 请介绍, 说说, 讲一下, 请问. */
const REQUEST_START = /^(?:(?:请|麻烦|烦请|帮忙|帮我)?(?:介绍|说说|讲讲|谈谈|聊聊|讲|说|谈|问问|了解|看看)|(?:我)?(?:请问|想问|问下|问一下|咨询))(?:一下)?/;
/** Locatives that may open the words before a suffix: 里面, 其中, 当中. */
const LOCATIVE_START = /^(?:里面|里头|里边|其中|当中|之中|中间|这里|那里|这边|那边)/;
/** Characters that cannot be part of a name before its suffix. */
const NOT_NAME = /[的在是了和与及或把被向从到对为于个些哪么啥几多少这那该其各每某省市县区搞靠让给做建办设去来要想类种样讲说篇何谓如怎占]|[，。？！、；：“”‘’「」『』"'（）()\s]/;
/** Everyday words that describe rather than name (新建产业园, 一个开发区). */
const DESCRIPTIVE = /^(?:新建|现有|这类|一个|一家|整个|全部|所有|全体|各类|各种|其他|其余|其它|当地|本地|我们|我们的|国家级|省级|市级|县级|特色|专业|跨境|跨区域|省内|国内|海外|境外|飞地|产业|工业|创新|科创|消薄|生态|生态补偿|山海协作|共建|合作)+$/;

const isWord = (w: string) => getJieba().cut(w, false).length === 1;
/**
 * Two characters that make no word, one same-sounding character away from a word the corpus uses,
 * mended to it: 智惠城市 → 智慧城市, a pinyin slip, not a new name (新云 stays: 新运 is no word, the
 * corpus only holds it inside 创新运营).
 */
function mendSlips(text: string, known: (s: string) => boolean): string {
  let out = text;
  for (let i = 0; i + 2 <= out.length; i++) {
    const pair = out.slice(i, i + 2);
    if (!/^[\u4e00-\u9fff]{2}$/.test(pair) || isWord(pair)) continue;
    // (the corpus lookup first: it is cheap, the segmentation is not)
    const meant = soundAlikes(pair).find((v) => known(matchText(v)) && isWord(v));
    if (meant) out = out.slice(0, i) + meant + out.slice(i + 2);
  }
  return out;
}

/** English names: capitalised words before a park/zone/place/organisation word. */
const EN_NAME = /\b((?:[A-Z][a-z]+[\s-]){1,3}?)(Industrial Park|Science Park|Tech(?:nology)? Park|Park|Development Zone|Economic Zone|Zone|District|County|City|Town|Village|Group|Company|Corporation|Institute|University|Bank)\b/g;

/** Parts of speech that end a description, not a name: numerals and measures, pronouns, directions, adverbs, verbs (如何界定飞地), adjectives (占全公司). */
const DESCRIBING_TAGS = new Set(['m', 'mq', 'q', 'r', 'f', 'd', 'p', 'c', 'u', 'uj', 'v', 'a']);

/** Words that describe a park or zone in English rather than name it. */
const GENERIC_EN = /^(?:Enclave|Enclaves|Industrial|Industry|Economic|Development|Science|Technology|Tech|High|New|Innovation|Innovative|Cooperation|Cooperative|Joint|Free|Trade|Pilot|Demonstration|National|Provincial|International|Global|Green|Eco|Ecological|Digital|Smart|Modern|Logistics|Export|Processing|Bonded|Special|Comprehensive|Zone|Park|Area|Region|Regional|Reverse|Relay|Mountain|Sea|Coastal|County|City|Town|Village)$/;

/**
 * Names in the question whose distinctive part the corpus never mentions: 青禾飞地产业园 (青禾 is in
 * no paper), not 衢州海创园 (it is) nor 浙江的开发区 (a description, not a name). `known` tells whether
 * a (matchText) string occurs in the corpus.
 */
export function unknownNames(question: string, known: (s: string) => boolean, englishKnown: (name: string) => boolean): string[] {
  const out: string[] = [];
  // A name the corpus has, with one character of the word before it glued on (来自金磐开发区 →
  // 自金磐开发区), is that name. Only one character: 青禾飞地产业园 must not pass as 飞地产业园.
  const knownTail = (name: string) => name.length >= 5 && known(matchText(name.slice(1)));
  // Where jieba's words end: a suffix inside a longer word (飞地 in 飞地经济) ends no name.
  const wordEnds = new Set<number>();
  let at = 0;
  for (const w of getJieba().cut(question, false)) wordEnds.add((at += w.length));
  for (const m of question.matchAll(NAME_SUFFIX)) {
    if (!wordEnds.has(m.index! + m[0].length) && m.index! + m[0].length < question.length) continue;
    let start = m.index!;
    while (start > 0 && m.index! - start < 8 && !NOT_NAME.test(question[start - 1]!)) start--;
    // A name starts where a word starts: 设立过科创飞地 is not the name 立过科创飞地.
    while (start > 0 && start < m.index! && !wordEnds.has(start)) start++;
    // A locative before the name (那里面消薄飞地占几个, 其中科创飞地…) points into what was said; it is not part of it.
    // So is a request before it (请介绍金磐开发区, 说说海创园): it asks about the name, it is not part of it.
    const prefix = question.slice(start, m.index!).replace(REQUEST_START, '').replace(LOCATIVE_START, '');
    if (prefix.length < 2 || DESCRIPTIVE.test(prefix) || /\d/.test(prefix)) continue;
    // A one-character suffix (县, 市, 村) makes a name only after a place name of two or three characters.
    // (the place starts the name: 一线城市 is 一线 + 城市, a kind of city, not a city's name)
    if (m[1]!.length === 1 && !(/^[\u4e00-\u9fff]{2,3}$/.test(prefix) && getJieba().tag(prefix + m[1], true)[0]?.tag === 'ns')) continue;
    // A count or a pointer before the suffix (一堆开发区, 好几个园区, 那边的开发区) describes, it does not name.
    const last = getJieba().tag(prefix, true).at(-1);
    if (last && DESCRIBING_TAGS.has(last.tag)) continue;
    const name = prefix + m[1]!;
    if (known(matchText(name)) || knownTail(name) || known(matchText(mendSlips(prefix, known) + m[1]!))) continue;
    // The distinctive words of the prefix: a word of two or more characters the corpus never uses.
    // jieba splits a coined name into single characters (青禾 → 青, 禾): then the prefix is the word.
    const tokens = getJieba().cut(prefix, false);
    const cut = tokens.filter((w) => w.length >= 2 && !DESCRIPTIVE.test(w));
    const words = cut.length ? cut : tokens.every((w) => w.length === 1) ? [prefix] : [];
    if (words.some((w) => !known(matchText(w)) && mendSlips(w, known) === w)) out.push(name);
  }
  // A quoted term (“两国双园”) names a thing: one the corpus never writes is not in it.
  for (const m of question.matchAll(/[“"]([^”"]{2,12})[”"]/g)) {
    const term = m[1]!.trim();
    // A quoted way of asking (“药方”, “短板”) is a figure of speech, not a name.
    if (/[\u4e00-\u9fff]/.test(term) && !known(matchText(term)) && !isFacetWord(term)) out.push(term);
  }
  // Places and organisations jieba recognises (印尼, 汕尾) that no document mentions, and the counties and districts
  // it does not know that the administrative lexicon does (闵行 in 上海闵行).
  const tagged = getJieba().tag(question.replace(/[“”"]/g, ' '), true);
  for (const [k, t] of tagged.entries()) {
    // (a two-character "organisation" opening on a verb — 招人 = 招 + 人 — is a verb phrase jieba's table mis-tags)
    const verbPhrase = t.tag === 'nt' && t.word.length === 2 && getJieba().tag(t.word[0]!, false)[0]?.tag === 'v';
    // (甘肃天水: a word of the administrative lexicon right after a place is that place's city or county, whatever jieba's
    // table calls it — 天水 is also "sky water")
    const afterPlace = k > 0 && tagged[k - 1]!.tag === 'ns' && t.word.length >= 2 && !!placeNamed(t.word);
    const place = t.tag === 'ns' || (t.tag === 'nt' && !verbPhrase) || (t.tag === 'x' && !!placeNamed(t.word)) || afterPlace;
    // (长江对岸, 黄河沿岸: a river or lake said with a side of it places what the question is about, it is not its subject)
    const beside = /[江河湖]$/.test(t.word) && /^(?:对岸|沿岸|两岸|南岸|北岸|东岸|西岸|边|畔|沿线|流域)/.test(tagged.slice(k + 1).map((x) => x.word).join(''));
    if (place && !beside && t.word.length >= 2 && !DESCRIPTIVE.test(t.word) && !known(matchText(t.word)) && !knownTail(t.word)) out.push(t.word);
  }
  const english = (name: string, suffix = '') => {
    const words = name.trim().split(/[\s\-–—]+/).filter((w) => w && !/^(?:The|A|An|What|Which|How|Does|Do|Is|Are|In|Of|For|Where|When|Who|Why|And|Or)$/.test(w));
    const full = `${words.join(' ')}${suffix ? ` ${suffix}` : ''}`;
    // A name the glossary knows as a phrase (Yangtze River Delta, Quzhou Haichuang Park) is known,
    // whatever its single words; otherwise each distinctive word (Qinghe in Qinghe Enclave
    // Industrial Park) must be known on its own.
    if (englishKnown(full)) return;
    const distinctive = words.filter((w) => !GENERIC_EN.test(w));
    if (distinctive.length && distinctive.some((w) => !englishKnown(w))) out.push(full);
  };
  for (const m of question.matchAll(EN_NAME)) english(m[1]!, m[2]);
  // Capitalised names before a lower-case park word (the Guangzhou–Qingyuan industrial transfer park).
  for (const m of question.matchAll(EN_NAME_LOWER_SUFFIX)) english(m[1]!, m[2]);
  // Other multi-word proper names inside the sentence (the EU Carbon Border Adjustment Mechanism).
  for (const m of question.matchAll(EN_PROPER)) english(m[1]!);
  // Two capitalised words joined as a pair, each reading as a romanised Chinese name of two or more syllables (Yinchuan and
  // Shenzhen, Wuxi–Xi'an): places, each known or not (a lone one may be an English word: June, Chinese).
  for (const m of question.matchAll(ROMANISED_PAIR)) for (const w of [m[1]!, m[2]!]) if (!englishKnown(w)) out.push(w);
  return [...new Set(out)];
}

// (the Tengchong (Yunnan) enclave industrial park, the Qinzhou relay-node enclave park: a bracketed note and up to three
// describing words — a park's kind, or any hyphenated compound — may stand between the name and its park word; not a
// verb phrase: the Yangtze River Delta play in park cooperation)
const EN_NAME_LOWER_SUFFIX = /\b((?:[A-Z][a-z]+(?:[\s\-–—](?=[A-Z]))?){1,3})(?:\s*\([^()]{1,30}\))?\s+((?:(?:industrial|industry|transfer|cooperation|science|tech|technology|economic|development|digital|enclave|innovation|logistics|trade|free|bonded|eco|ecological|new|relay|node|border|pilot|joint|partner|[a-z]+(?:-[a-z]+)+)\s+){0,3}(?:park|zone|district))\b/g;
const ROMANISED_WORD = `[A-Z](?:${PINYIN_SYLLABLE}){2,4}`;
const ROMANISED_PAIR = new RegExp(`\\b(${ROMANISED_WORD})(?:\\s+(?:and|&|with)\\s+|\\s*[–—-]\\s*)(${ROMANISED_WORD})(?![\\w'’])`, 'g');
const EN_PROPER = /(?<=\b[a-z]+[\s,]+(?:the\s+)?)((?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:[A-Z][a-z]+|[A-Z]{2,})){1,4})\b/g;

export function analyseQuestion(
  raw: string,
  opts: { context?: string; concepts: (q: string) => Concept[]; stats: CorpusStats; known: (s: string) => boolean; englishKnown: (name: string) => boolean },
): AnalysedQuestion {
  const text = normalizeInput(raw.trim());
  const context = opts.context ? normalizeInput(opts.context.trim()) : undefined;
  // Whether the question has a subject of its own is read from its words, not from the expansions
  // normalisation appends (举个例子 → 例如 为例 would look like a subject).
  const own = opts.concepts(normalizeInput(raw.trim(), { expand: false }));
  const previous = context ? opts.concepts(context) : [];
  const { query, carried, replaced } = resolveFollowUp(text, context, own, previous, opts.stats);
  const years = yearsIn(text);
  // A follow-up that names only what it wants of the previous subject (那对策呢？ what problems does it
  // face?) asks for that facet's list about it, as the whole question would (…的对策有哪些？).
  const type = questionType(text);
  const facetOnly = carried.length > 0 && type === 'other' && questionFacets(normalizeInput(raw.trim(), { expand: false })).size > 0;
  return { text, query, type: facetOnly ? 'list' : type, carried, replaced, unknownNames: unknownNames(text, opts.known, opts.englishKnown), unknownYears: years.filter((y) => !opts.known(y)) };
}
