/**
 * Step 1 of the split-text parser: one canonical spelling of the text before anything reads it.
 * Full-width forms fold to ASCII (NFKC), control and bidi characters go, thousands separators and
 * the space between a number and its unit (900 万) are removed, English number words become digits.
 */
import type { HomophoneCorrector } from '../../knowledge/homophones';
import { soundAlikes, termCorrector } from '../../knowledge/normalize';
import { parseNumeral } from '../cn-number';
import { ROLE_PLACE_KINDS, ZH_WORDS } from './lexicon';

const EN_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

/** 玖佰万, 壹仟贰佰万: the financial (大写) numerals as the everyday ones. */
const FINANCIAL_DIGITS: Record<string, string> = { 零: '零', 壹: '一', 贰: '二', 貳: '二', 叁: '三', 參: '三', 肆: '四', 伍: '五', 陆: '六', 陸: '六', 柒: '七', 捌: '八', 玖: '九', 拾: '十', 佰: '百', 仟: '千' };

/**
 * 2024年600万，2025年800万 / in 2025 tax was 5 million yuan and in 2026 6 million: two or more calendar
 * years, each with its own amount, are the years of a schedule (the earliest is year 1); one calendar
 * year alone is a date and is dropped below.
 */
function calendarYearsAsYears(text: string): string {
  const ZH = /(?<!\d)((?:19|20)\d{2})\s*年(?:度)?(?=[^，,。;；\d]{0,8}?\d[\d.]*\s*(?:万|亿))/g;
  const EN = /\b(?:in\s+)?((?:19|20)\d{2})\b(?=[^,;.\d]{0,24}?\d[\d.]*\s*(?:million|billion|thousand|m|bn|k|万|亿)\b)/gi;
  const years = (re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => Number(m[1])))];
  // (8 million in 2024, 10 million in 2025: the amount first, its year after it)
  const EN_AFTER = /\d[\d.]*\s*(?:million|billion|thousand|m|bn|k|万|亿)\b[^,;.\d]{0,12}?\bin\s+((?:19|20)\d{2})\b/gi;
  const zh = years(ZH);
  const en = [...new Set([...years(EN), ...years(EN_AFTER)])];
  if (zh.length >= 2) {
    const first = Math.min(...zh);
    return text.replace(ZH, (_m, y: string) => `第${Number(y) - first + 1}年`);
  }
  if (en.length >= 2) {
    // every mention of those years is that year of the schedule (… and 50% in 2026)
    const first = Math.min(...en);
    return text.replace(/\b(?:in\s+)?((?:19|20)\d{2})\b/gi, (m, y: string) => (en.includes(Number(y)) ? ` in year ${Number(y) - first + 1} ` : m));
  }
  return text;
}

/**
 * 今年税收一千万，明年一千二百万 / this year 10 million, next year 12 million: this year, next year and the one
 * after, two or more of them each with its own amount, are years 1, 2, 3 of a schedule (one alone is a date).
 */
function relativeYearsAsYears(text: string): string {
  const ZH: Array<[string, number]> = [['今年', 1], ['明年', 2], ['后年', 3], ['後年', 3]];
  const EN: Array<[RegExp, number]> = [[/\bthis year\b/gi, 1], [/\bnext year\b/gi, 2], [/\bthe year after(?: next| that)?\b/gi, 3]];
  const withAmount = (at: number) => /^[^，,。;；\d]{0,8}?\d[\d.]*\s*(?:万|亿|萬|億)|^[^，,。;；\d一二两兩三四五六七八九十]{0,8}?[一二两兩三四五六七八九十][一二两兩三四五六七八九十百千]*(?:万|亿|萬|億)|^[^,;.\d]{0,24}?\d[\d.]*\s*(?:million|billion|thousand|m|bn|k)\b/i.test(text.slice(at));
  const zh = ZH.filter(([w]) => text.includes(w) && withAmount(text.indexOf(w) + w.length));
  if (new Set(zh.map(([, n]) => n)).size >= 2 && zh.some(([, n]) => n === 1)) return ZH.reduce((t, [w, n]) => t.split(w).join(`第${n}年`), text);
  const en = EN.filter(([re]) => [...text.matchAll(re)].some((m) => withAmount(m.index! + m[0].length)));
  if (new Set(en.map(([, n]) => n)).size >= 2 && en.some(([, n]) => n === 1)) return EN.reduce((t, [re, n]) => t.replace(re, ` in year ${n} `), text);
  return text;
}

/** A small number said in digits or Chinese numerals (4, 四, 两, 十); 0 when it is none. */
const smallNumber = (w: string) => parseNumeral(w)?.toNumber() ?? 0;
/** The same amount said once for each year from a to b (a short range, in order), or the text as it was. */
function eachYear(text: string, a: number, b: number, say: (year: number) => string, sep: string): string {
  if (!(a >= 1 && b > a && b - a <= 10)) return text;
  return Array.from({ length: b - a + 1 }, (_, k) => say(a + k)).join(sep);
}

/**
 * From year 4 on … 50%. Before that it gets 30% / 从第四年起…50%，在此之前30%: "before that", said after a period
 * that starts in year N, is years 1 to N−1 — the earlier period said second.
 */
function periodBeforeStart(text: string): string {
  const starts = [
    ...[...text.matchAll(/\b(?:from|starting(?:\s+(?:in|from|with))?|beginning(?:\s+(?:in|with))?)\s+(?:the\s+)?year\s+(\d{1,2})\b/gi)].map((m) => ({ n: smallNumber(m[1]!), at: m.index! + m[0].length, en: true })),
    ...[...text.matchAll(/(?:从|自)?第\s*(\d{1,2}|[一二三四五六七八九十])\s*年(?:起|开始|以后|之后|往后)/g)].map((m) => ({ n: smallNumber(m[1]!), at: m.index! + m[0].length, en: false })),
  ].filter((x) => x.n > 1);
  if (new Set(starts.map((x) => x.n)).size !== 1) return text;
  const { n, at, en } = starts[0];
  const before = en ? /\b(?:before\s+that|before\s+then|prior\s+to\s+that|until\s+then|up\s+to\s+then)\b/gi : /在此之前|在这之前|在那之前|此前|之前/g;
  return text.slice(0, at) + text.slice(at).replace(before, en ? `in years 1-${n - 1}` : `第1到${n - 1}年`);
}

/**
 * 保低 for 保底, 飞如地 for 飞入地: a pinyin keyboard's slips on the grammar's own words (same syllables,
 * the wrong characters) are read as those words by the homophone corrector, down to two characters —
 * the vocabulary is small and closed. Slips that are words of their own (分层, 过度) are left alone by
 * it; the two with 过度 that mean only 过渡 here are listed, with one variant spelling (部份).
 */
const IME_SLIPS: Array<[RegExp, string]> = [
  [/过度到/g, '过渡到'],
  [/过度期/g, '过渡期'],
  // a variant spelling, not a slip (部份 is how Taiwan and many officials still write 部分)
  [/部份/g, '部分'],
];
let cueCorrector: HomophoneCorrector | undefined;
let splitSlip: RegExp | undefined;
function correctCueWords(text: string): string {
  if (!/[\u4e00-\u9fff]{2}/.test(text)) return text;
  cueCorrector ??= termCorrector(ZH_WORDS.keys(), { minLength: 2 });
  // 六四分城 / 三七分程: jieba reads 四分 as a word, so the corrector's word edges miss a slip on 成 right after a ratio
  splitSlip ??= new RegExp(`(?<=[一二两三四五六七八九十\\d][\\s:：]?)分(?:${soundAlikes('成').join('|')})(?![\\p{Script=Han}])`, 'gu');
  return cueCorrector(text.replace(splitSlip, '分成'));
}

/** English slips on the cue words (milion, recieving): read as meant. */
/** A kind of place after a side word (sending county): then the side word is not alone. */
const PLACE_KIND_AFTER = `\\s+(?:${ROLE_PLACE_KINDS.join('|')})s?\\b`;
/** 30% receiving: a side word right after a share, with no kind of place after it (nor a pair: 60/40 sending/receiving). */
const SIDE_AFTER_SHARE = new RegExp(`(\\d%?\\s+)(sending|receiving)\\b(?!\\s*\\/|${PLACE_KIND_AFTER})`, 'gi');
/** receiving 30: a side word right before a share. */
const SIDE_BEFORE_SHARE = new RegExp(`\\b(sending|receiving)(?!${PLACE_KIND_AFTER})(?=\\s+\\d)`, 'gi');

const EN_SLIPS: Array<[RegExp, string]> = [
  [/\bmill?ion?s?\b/gi, 'million'],
  [/\brec(?:ie|ei)v(ing|es?|ed)\b/gi, 'receiv$1'],
  [/\bsendin\b/gi, 'sending'],
  [/\bbilion\b/gi, 'billion'],
  [/\bpercnet\b/gi, 'percent'],
  // chat shorthand: 4.2 mil / 3 mln, pls, revenu
  [/(\d)\s*(?:mil|mln|mio)\b\.?/gi, '$1 million'],
  [/\b(?:pls|plz)\b/gi, 'please'],
  [/\brevenu\b/gi, 'revenue'],
  // half goes to Ningbo / Ningbo gets half: half is 50%
  [/\bhalf\s+(?=(?:goes\s+|go\s+)?to\b)/gi, '50% '],
  [/\b(gets?|takes?|receives?|keeps?)\s+(?:a\s+|one\s+)?half\b(?!\s+(?:of\b|and\s+half))/gi, '$1 50%'],
];

/** split 6 4 / 7 3: two bare parts after split make a ratio when they add up to ten or a hundred. */
function bareRatioAfterSplit(text: string): string {
  return text.replace(/\b(split|divide|share)\s+(\d{1,2})\s+(\d{1,2})\b(?!\s*(?:%|percent|million|years?))/gi, (m: string, w: string, a: string, b: string) =>
    Number(a) + Number(b) === 10 || Number(a) + Number(b) === 100 ? `${w} ${a}:${b}` : m,
  );
}

/**
 * 从30%逐年提到50%(第一年30% 第二年40% 第三年50%) / goes from 70% down to 50% (70% in year 1, 50% in year 3): a bracket
 * that restates a glide's yearly shares, first and last the glide's own (with at most the words saying the years between
 * are even: 中间均匀, evenly), says nothing new and is read as said once.
 */
/** 每年降10个点: a glide's yearly step said in points. */
const GLIDE_STEP = /每年(?:降|减|下降|降低|少|升|涨|增|提高|上升|增加)(\d+(?:\.\d+)?)\s*(?:个百分点|个点|%|点)/;
function restatedGlide(text: string): string {
  // (the ends as percentages or in tenths: 从60%…到30% / 从六成逐年降到三成)
  const end = String.raw`(\d+(?:\.\d+)?\s*%|(?:\d+(?:\.\d+)?|[一二两三四五六七八九十])\s*成)`;
  const glide = new RegExp(String.raw`(?:从|from)\s*${end}[^()（）]{0,30}?(?:到|至|to)\s*${end}`, 'i').exec(text);
  if (!glide) return text;
  const percent = (w: string) => {
    const tenths = /^(.+?)\s*成$/.exec(w);
    if (!tenths) return String(Number(w.replace(/\s*%$/, '')));
    return String(smallNumber(tenths[1]!) * 10);
  };
  const [from, to] = [percent(glide[1]!), percent(glide[2]!)];
  return text.replace(/[(（]([^()（）]{4,80})[)）]/g, (m, inner: string) => {
    const zh = [...inner.matchAll(/第\s*([一二三四五六七八九十\d]+)\s*年\s*(\d+(?:\.\d+)?)\s*%/g)].map((x) => ({ year: smallNumber(x[1]!), share: x[2]! }));
    const en = [...inner.matchAll(/(\d+(?:\.\d+)?)\s*%\s*(?:in|for)\s+(?:the\s+)?(?:year\s*\d+|(?:first|second|third|fourth|fifth|last|final)\s+year)/gi)].map((x) => ({ year: undefined as number | undefined, share: x[1]! }));
    const said = zh.length >= 2 ? zh : en;
    const shares = said.map((x) => x.share);
    // (每年降10个点: a yearly step that is the even line's own says nothing new either)
    const step = GLIDE_STEP.exec(inner);
    const rest = inner.replace(/第\s*[一二三四五六七八九十\d]+\s*年\s*\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*%\s*(?:in|for)\s+(?:the\s+)?(?:year\s*\d+|(?:first|second|third|fourth|fifth|last|final)\s+year)|\b(?:and|then)\b|(?:中间|其间|之间|每年)?(?:均匀|平均|等差|匀速|线性|等额|平滑)(?:过渡|递减|递增|下降|降低|上升|变化)?|\b(?:evenly|linearly|in equal steps)(?:\s+in\s+between)?\b|[\s,，、;；.]/gi, '').replace(GLIDE_STEP, '');
    // (every year's share on the even line from the first to the last: a bracket with other steps says more, and is read)
    const v = shares.map(Number);
    const even = v.every((x, i) => Math.abs(x - (v[0]! + ((v.at(-1)! - v[0]!) * i) / (v.length - 1))) < 1e-9);
    const first = said[0]?.year;
    const last = said.at(-1)?.year;
    const stepFits = !step || (first !== undefined && last !== undefined && last > first && Math.abs(Math.abs(v.at(-1)! - v[0]!) / (last - first) - Number(step[1])) < 1e-9);
    return shares.length >= 2 && !rest && even && stepFits && Number(shares[0]) === Number(from) && Number(shares.at(-1)) === Number(to) ? ' ' : m;
  });
}

export function normalise(text: string): string {
  text = restatedGlide(text);
  return (
    periodBeforeStart(relativeYearsAsYears(calendarYearsAsYears([...IME_SLIPS, ...EN_SLIPS].reduce((t, [re, w]) => t.replace(re, w), bareRatioAfterSplit(correctCueWords(text))).replace(/[零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]/g, (c) => FINANCIAL_DIGITS[c])
      // FY2024 / FY 24 / fiscal year 2024: a fiscal year is a year like 2024, not a party
      .replace(/\b(?:FY|fiscal year|financial year)\s*'?((?:19|20)\d{2}|\d{2})\b/gi, (_m, y: string) => (y.length === 2 ? `20${y}` : y)))
      // 1,250万: an ASCII comma between digits groups thousands — before NFKC turns the Chinese comma of
      // 杭州拿6，500万 (a clause break) into the same character
      .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')))
      .normalize('NFKC')
      // 七成龙游 三成开化 / 70%龙游 30%开化: shares said before their names, pair after pair, are as many clauses
      .replace(/((?:\d+(?:\.\d+)?\s*%|[一二两三四五六七八九十]成|\d+(?:\.\d+)?成)(?![归给由为到交])[\p{Script=Han}]{1,8}?)\s+(?=(?:\d+(?:\.\d+)?\s*%|[一二两三四五六七八九十]成|\d+(?:\.\d+)?成)[\p{Script=Han}]{2})/gu, '$1，')
      // 每年降得一样多 / 每年涨的一样: a glide's manner said in words is 均匀 (一 is no share)
      .replace(/(?:每年|逐年)?(?:降|减|少|升|涨|增|加)(?:得|的)?(?:一样多|同样多|(?:一样|相同)(?![\p{Script=Han}\d]))/gu, '均匀')
      // control characters, zero-width and bidi marks
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
      .replace(/[‘’]/g, "'")
      // 统计上杭州算六成 / 衢州记四成: 算 or 记 between a name and a share is what the name takes (帮我算六成… is no name's)
      .replace(/(?<=[\p{Script=Han}A-Za-z])(?<![我帮来再请你您一就])(?:算作|算为|记为|计为|计入|算|记|计)(?=\s*(?:[一二两三四五六七八九十]成|[\d.]+\s*(?:%|成)))/gu, '拿')
      // the sending area's share / Quzhou's part: a possessive is not part of the party's name
      // Villages A, B and C / Counties A and B: the kind said once in the plural is each one's name
      .replace(/\b(Village|Countie|Town|Citie|District|Township|Compan(?:ie)?)s\s+([A-Z](?:\s*,\s*[A-Z])*,?\s+(?:and|&)\s+[A-Z])\b/g, (_m, kind: string, list: string) => {
        const one = kind.replace(/ie$/, 'y').replace(/^Compan$/, 'Company');
        return list.replace(/\b[A-Z]\b/g, (x) => `${one} ${x}`);
      })
      // 30% receiving, 70% sending / receiving 30%: a side word said right beside a share, with no
      // kind of place after it, is that side's role (60/40 sending/receiving stays a pair of names)
      .replace(SIDE_AFTER_SHARE, '$1$2 area')
      .replace(SIDE_BEFORE_SHARE, '$1 area')
      // years 4 and 5 / 第三四年 / 第一、二年: two years in a row said as a pair are a range (years 4-5, 第3到4年)
      .replace(/\byears\s+(\d{1,2})\s*(?:and|&|,)\s*(\d{1,2})\b/gi, (m, a: string, b: string) => (Number(b) === Number(a) + 1 ? `years ${a}-${b}` : m))
      .replace(/第([一二三四五六七八九])、?([一二三四五六七八九])年/g, (m, a: string, b: string) => {
        const n = (c: string) => '一二三四五六七八九'.indexOf(c) + 1;
        return n(b) === n(a) + 1 ? `第${n(a)}到${n(b)}年` : m;
      })
      // … 40% in years 1-2, then 50/50: a range from year 1 right after shares is the first period (an amount's range is each
      // year's, below; "tax in years 1-3: 5m, 6m, 7m" names the years of amounts)
      .replace(/(\d\s*%(?:(?!\b(?:tax|taxes|revenue|revenues|profit|profits|income|amount|amounts|turnover)\b)[^.;:\d]){0,40}?)\b(?:in|for|during)\s+years\s+1\s*(?:-|–|to|through)\s*(\d{1,2})\b/gi, (m, before: string, b: string) => (Number(b) >= 2 ? `${before}for the first ${b} years` : m))
      // 15 million in each of years 3-4 / 第3到4年各1500万: one amount for each year of a range is that amount in each year
      .replace(/(\d[\d.]*\s*(?:million|billion|thousand|m|bn|k)(?:\s+yuan)?)\s+(?:in\s+|for\s+)?(?:each\s+of\s+(?:the\s+)?)years\s+(\d{1,2})\s*(?:-|–|to|through)\s*(\d{1,2})\b/gi, (m, amount: string, a: string, b: string) => eachYear(m, Number(a), Number(b), (y) => `${amount} in year ${y}`, ', '))
      .replace(/第\s*(\d{1,2}|[一二三四五六七八九十])\s*(?:到|至|-|~|—|－)\s*第?\s*(\d{1,2}|[一二三四五六七八九十])\s*年\s*(?:每年|各|都是|均为|均|都)\s*(?:是|为)?\s*(\d[\d.]*\s*(?:万|亿)元?)/g, (m, a: string, b: string, amount: string) => eachYear(m, smallNumber(a), smallNumber(b), (y) => `第${y}年${amount}`, '，'))
      // chat shorthand (we r the sending area, can u, pls): the words written out
      .replace(/\b(we|they|you|u)\s+r\b/gi, '$1 are')
      .replace(/\bu\b(?=\s+(?:help|tell|split|calculate|work|show|please|pls|give))/gi, 'you')
      .replace(/\b(?:pls|plz)\b/gi, 'please')
      // we're the sending side / they're / it's: the verb written out (before the possessive below)
      .replace(/\b(we|they|you)'re\b/gi, '$1 are')
      .replace(/\b(it|that|there|what)'s\b/gi, '$1 is')
      // X is guaranteed at least 500k; otherwise it gets 10%: "it" is X
      .replace(/\b((?:the\s+)?[a-z][a-z ]{2,40}?)\s+(is|are)\s+guaranteed\s+([^;.]+?)([;,.]\s*)((?:otherwise|or else|apart from that|beyond that|other than that|besides that)?,?\s*)(?:it|they)\s+(get|gets|take|takes|receive|receives|keep|keeps)\b/gi, '$1 $2 guaranteed $3$4$5$1 $6')
      // we host the park / we are hosting it: the speaker is the receiving area (a host county is one)
      .replace(/\bwe\s+(?:host|are\s+hosting)\s+(?:the|this|their|that)\s+(?:park|enclave|zone|project)\b/gi, 'we are the receiving area')
      .replace(/([A-Za-z])'s\b/g, '$1')
      .replace(/[“”「」『』《》【】]/g, ' ')
      .replace(/(\d)\s+(?=(?:亿|万|億|萬|元|塊|块|%|成|个?年|個?年))/g, '$1')
      // 村集体一年最少拿30万: "a year" before what a party gets is every year (第一年 / 前一年 are not)
      .replace(/(?<![第前后头每\d])一年(?=\s*(?:最少|至少|最低|保底|固定|拿|得|分得|不低于|不少于))/g, '每年')
      // 1000w / 500W: chat shorthand for 万
      .replace(/(\d)\s*[wW](?![A-Za-z])/g, '$1万')
      .replace(/(第|前|后|头)\s+(?=\d)/g, '$1')
      .replace(/(\d)\s*(?:percent|per cent|pct)\b/gi, '$1%')
      // two thirds, one third, a quarter, half → fractions
      .replace(/\b(?:two|2)[ -]thirds?\b/gi, '2/3')
      .replace(/\b(?:one|a|1)[ -]third\b/gi, '1/3')
      .replace(/\b(?:three|3)[ -]quarters?\b/gi, '3/4')
      .replace(/\b(?:one|a|1)[ -]quarter\b/gi, '1/4')
      .replace(/\b(?:one|a) half\b/gi, '1/2')
      .replace(/\b(\d+)\s+(?:more|further|additional|remaining)\s+years?\b/gi, '$1 years')
      .replace(/\banother\s+(\d+)\s+years?\b/gi, '$1 years')
      // Y1, FY2, Yr 3, Y1-Y2 / year one / in the second year: years by their number
      // (Town Y 4 million is a town: a letter apart from its number is a name)
      .replace(/\b(?:FY|Y|Yr)(\d{1,2})\s*[-–~]\s*(?:FY|Y|Yr)(\d{1,2})\b/g, 'years $1-$2')
      .replace(/\b(?:FY|Y|Yr)(\d{1,2})\b|\b(?:FY|Yr)\s(\d{1,2})\b/g, (_m, a?: string, b?: string) => `year ${a ?? b}`)
      .replace(/\byear\s+(one|two|three|four|five|six|seven|eight|nine|ten)\b/gi, (_m, w: string) => `year ${EN_NUMBERS[w.toLowerCase()]}`)
      // (4 million in the first year and 5 million in the second: an amount's year; 30% in the first year stays a first period)
      .replace(/(\d[\d.]*\s*(?:million|billion|thousand|m|bn|k)\s+)in\s+the\s+first\s+year\b/gi, '$1in year 1')
      .replace(/\b(in|for|during)\s+the\s+(second|third|fourth|fifth|sixth)\s+year\b/gi, (_m, p: string, o: string) => `${p} year ${['second', 'third', 'fourth', 'fifth', 'sixth'].indexOf(o.toLowerCase()) + 2}`)
      // 70-30 in favor of the sending area: the larger part is that party's
      .replace(/\bin\s+favou?r\s+of\s+((?:the\s+)?(?:[A-Za-z][\w'-]*\s+){0,2}?(?:area|county|city|side|party|district|town|region|collective|company|operator|[A-Z][\w'-]*))\b/g, ', $1 gets the larger share')
      // Jinhua put in 60% of the investment: a percentage of what was put in is that party's contribution share
      .replace(/(\d[\d.]*\s*%)\s+of\s+(?:the\s+)?(?:total\s+|overall\s+|initial\s+)?(?:investment|capital|funding|funds|equity)\b/gi, '$1')
      // the other 40 to Jiande: a part given to a name is what remains (the other alone stays the other side, asked about)
      .replace(/\bthe\s+other\s+(\d[\d.]*\s*%?)(?=\s+(?:to|goes|go|for|is\s+for)\b)/gi, 'the remaining $1')
      // … in Lin'an's favour (its 's already dropped): the possessive says the same
      .replace(/\bin\s+((?:the\s+)?(?:[A-Za-z][\w-]*\s+){0,2}?(?:area|county|city|side|party|district|town|region|collective|company|operator|[A-Z][\w-]*(?:'[a-z]+)?))(?:['’]s?)?\s+favou?r\b/g, ', $1 gets the larger share')
      // the receiving area gets 30% (the sending area gets the rest) but never less than 2 million / 飞入地拿三成（其余归飞出地），
      // 但不低于200万: a condition after a bracketed aside is the first party's; the aside is said after it
      .replace(/\(([^()]{3,60}?\b(?:gets?|takes?|keeps?|receives?)\s+(?:the\s+)?(?:rest|remainder|balance))\)\s*(,?\s*but\b[^.;,]*)/gi, '$2, $1')
      .replace(/[（(]((?:其余|剩下的?|余下的?|剩余)[^（）()]{1,20}?)[）)]\s*([，,]?\s*(?:但|但是)[^。；;，,]*)/g, '$2，$1')
      // the first 2 million of tax is the baseline and stays with …: an amount said to be the baseline is the baseline
      .replace(/\b(?:the\s+)?(?:first\s+)?((?:RMB\s*|¥\s*)?\d[\d.]*\s*(?:million|billion|thousand|m|bn|k|万|亿)\b(?:\s+yuan)?)((?:\s+of\s+(?:the\s+)?[a-z]+)?)\s+(?:is|are|forms|serves\s+as|counts\s+as)\s+(?:the|a)\s+(?:baseline|base)\b(?:\s*,?\s*(?:and|which|that)\b)?/gi, 'baseline $1$2')
      // the first 2 million goes to … anything above that / 前200万归飞入地，超出部分…: the first slice of an amount, with
      // an excess said after it, is the baseline
      // (the first 35 million (the base) stays with A: the aside only names what the amount is)
      .replace(/\b((?:the\s+)?first\s+(?:RMB\s*|¥\s*)?\d[\d.]*\s*(?:million|billion|thousand|m|bn|k|万|亿)\b(?:\s+yuan)?(?:\s+of\s+(?:the\s+)?[a-z]+)?)\s*[(（]\s*(?:the\s+|a\s+)?(?:base|baseline|base amount)\s*[)）]/gi, '$1')
      .replace(/\b(?:the\s+)?first\s+((?:RMB\s*|¥\s*)?\d[\d.]*\s*(?:million|billion|thousand|m|bn|k|万|亿)\b)(?=[\s\S]*\b(?:anything|whatever|everything)\s+(?:above|over|beyond|exceeding)|[\s\S]*\b(?:above|beyond|over) (?:that|this)\b|[\s\S]*\bthe excess\b)/gi, 'baseline $1')
      .replace(/(?:^|(?<=[，,。；;\s]))(?:前|头|首)\s*(\d[\d.]*\s*(?:万|亿)元?)(?=[\s\S]*(?:超出|超过|以上部分|多出))/g, '基数$1')
      // split it 3 to 2 / a ratio of 7 to 3: two small numbers joined by "to" after a splitting word are a ratio
      // (not years 1 to 3, from 10 to 20 million, or a glide's from 90/10 to 60/40)
      .replace(/\b(split|shared?|divided?|ratio|proportion|basis)\b([^.;?!\d]{0,20}?)\b(\d{1,3})\s+to\s+(\d{1,3})\b(?!\s*(?:%|[./:]\d|million|billion|thousand|yuan|rmb|years?|万|亿))/gi, '$1$2$3:$4')
      // 丽水拿的比温州多两成 / 甲村比乙村少拿20%: a part said against another's is that much more (or less) of it — 丽水 1.2
      // parts to 温州's 1, as the words say (20% more than 温州), not a gap of two tenths of the whole
      .replace(/(^|[，,。；;\s])([\u4e00-\u9fffA-Za-z]{1,10}?)(?:拿的|得的|分的|分到的)?比([\u4e00-\u9fffA-Za-z]{1,10}?)(多|少)(?:拿|得|分)?(?:了)?(一|两|二|三|四|五|[1-9])成/g, (_m, pre: string, a: string, b: string, dir: string, n: string) => {
        const tenths = '一两三四五'.includes(n) ? '一两三四五'.indexOf(n) + 1 : n === '二' ? 2 : Number(n);
        const mine = dir === '多' ? 10 + tenths : 10 - tenths;
        return `${pre}${a}拿${mine}份，${b}拿10份`;
      })
      .replace(/(^|[，,。；;\s])([\u4e00-\u9fffA-Za-z]{1,10}?)(?:拿的|得的|分的|分到的)?比([\u4e00-\u9fffA-Za-z]{1,10}?)多(?:拿|得|分)?一倍/g, '$1$2拿2份，$3拿1份')
      // X gets twice as much as Y / X拿的是Y的两倍: a multiple of another party's part is parts of a ratio (2 parts, 1 part)
      .replace(/\b(twice|two times|double|three times|thrice|four times|five times|(\d+(?:\.\d+)?) times) (?:as much|what|the amount)(?: as)? ((?:the )?[^,.;?!]+?)(?= (?:gets|receives|takes|does)\b|[,.;?!]|$| and\b)/gi, (_m, w: string, n: string | undefined, other: string) => {
        const times = n ?? ({ twice: '2', 'two times': '2', double: '2', 'three times': '3', thrice: '3', 'four times': '4', 'five times': '5' } as Record<string, string>)[w.toLowerCase()];
        return `${times} parts and ${other} gets 1 part`;
      })
      .replace(/(?:拿的|得的|分的|分到的|的)?(?:是|为)([\u4e00-\u9fffA-Za-z]{1,12}?)(?:拿的|得的|分的|分到的|的)(两|二|三|四|五|[2-9])倍/g, (_m, other: string, n: string) => `拿${n === '二' ? '两' : n}份，${other}拿一份`)
      // for the first year → for the first 1 years
      .replace(/\bthe first year\b/gi, 'the first 1 years')
      // tens in words are shares wherever they stand (sixty-forty, seventy/thirty, Lishui gets sixty, forty-five percent)
      .replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)\b/gi, (_m, t: string, u: string) => String(EN_NUMBERS[t.toLowerCase()]! + EN_NUMBERS[u.toLowerCase()]!))
      .replace(/\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b/gi, (w) => String(EN_NUMBERS[w.toLowerCase()]))
      // number words before a unit (ten million, three years, four-year, three ways); "one side" stays words
      .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?=[ -](?:million|billion|thousand|hundred|years?|yrs?|percent|per cent|ways?|tenths?)\b)/gi, (w) => String(EN_NUMBERS[w.toLowerCase()]))
      // the number words just read may stand before percent (seventy percent): written as the digits' 70%
      .replace(/(\d)\s*(?:percent|per cent|pct)\b/gi, '$1%')
      .replace(/[¥￥]\s*(\d)/g, '$1')
      // year 2 is halfway: a year said to lie between a glide's ends, as 'in year 2'
      .replace(/\b(?:in\s+)?year\s+(\d{1,2})\s+(?:is\s+|it's\s+|sits\s+)?(halfway|half way|midway|in between|in the middle)\b/gi, ' in year $1 $2')
      // 3 million (year 1): the year of the amount before it
      .replace(/[(（]\s*(?:in\s+)?(year\s+\d{1,2})\s*[)）]/gi, ' in $1 ')
      // Quzhou (60%) / 衢州（六成）: a share in brackets reads as the share
      .replace(/[(（]\s*([^()（）]{1,12}?(?:%|成|percent))\s*[)）]/g, ' $1 ')
      // between the county (70) and the township (30): a bare part in brackets right after a name is that name's part
      .replace(/(?<=[A-Za-z\p{Script=Han}])\s*[(（]\s*(\d{1,3}(?:\.\d+)?)\s*[)）]/gu, ' $1 ')
      // split 7:3 with 7 for Kaihua and 3 for Hangzhou: a bare part for a name is that name's part, as 'Kaihua getting the 7'
      .replace(/\b(with|and)\s+(\d{1,3}(?:\.\d+)?)\s+(?:goes\s+|going\s+)?(?:for|to)\s+((?:the\s+)?[A-Z][A-Za-z'’-]+(?:\s[A-Z][A-Za-z'’-]+){0,2})/g, '$1 $3 getting the $2')
      // our park paid 62 million yuan in tax: what was paid in tax is the sum to split (上缴), not a floor "paid" to a party
      .replace(/(?<!\b(?:is|are|be|been|being|gets|get|got)\s+)\b(?:paid|pays|pay|handed\s+over|remitted|turned\s+over)\s+((?:RMB|CNY|¥)?\s*\d[\d,]*(?:\.\d+)?\s*(?:million|billion|thousand|万|亿)?\s*(?:yuan|RMB|CNY)?)\s+in\s+(taxes|tax|revenue|profits?)\b/gi, '$2 of $1')
      // 4 tenths → 40%
      .replace(/(\d+(?:\.\d+)?)\s*tenths?\b/gi, (_m, n: string) => `${Number(n) * 10}%`)
      // 30, 20 and 10 million / 30、20和10万: a unit said once after a list of numbers is each one's
      .replace(/(?<![\d.])(\d+(?:\.\d+)?(?:\s*(?:,|、)\s*\d+(?:\.\d+)?)*\s*(?:,\s*)?(?:and|&|和|、)\s*)(\d+(?:\.\d+)?)\s*(million|billion|thousand|万|亿)(?![A-Za-z])/gi, (_m, list: string, last: string, unit: string) =>
        `${list.replace(/(\d+(?:\.\d+)?)(?=\s*(?:,|、|and|&|和))/gi, `$1${/^[万亿]$/.test(unit) ? '' : ' '}${unit}`)}${last}${/^[万亿]$/.test(unit) ? '' : ' '}${unit}`,
      )
      // the sending county (Ningbo) / 飞出地（宁波）: the place named in brackets after a role is the party
      // (only where the role is not said again elsewhere, which would then be another party)
      .replace(/\b(?:the\s+)?((?:sending|receiving|host|home)\s+(?:area|side|county|city|region|district))\s*\(\s*([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)\s*\)/g, (m, role: string, name: string, _at: number, all: string) => (all.split(role).length === 2 ? name : m))
      .replace(/(飞出地|飞入地|飞出方|飞入方|飛出地|飛入地)\s*[（(]\s*(\p{Script=Han}{2,8}?)\s*[)）]/gu, (m, role: string, name: string, _at: number, all: string) => (all.split(role).length === 2 ? name : m))
      // we, the receiving county, take 35%: the speaker named as an apposition is that party
      .replace(/\bwe\s*,\s*(the\s+[a-z]+(?:\s[a-z]+){0,3}?)\s*,/gi, '$1')
      // Our county Kaihua put in …: the speaker's own kind of place before the place's name is not part of it
      .replace(/\b(?:our|my)\s+(?:county|city|town|township|district|village|side|prefecture)\s*,?\s+(?=[A-Z])/gi, '')
      // We (the investor) put in … / 我们（村集体）出资…: the speaker named in brackets is that party
      .replace(/\b(?:we|us|our\s+[A-Za-z-]+)\s*[(（]\s*(?:the\s+)?([A-Za-z][A-Za-z ]{0,30}?)\s*[)）]/gi, 'the $1')
      .replace(/(?:我们|我方|咱们)\s*[(（]\s*([\p{Script=Han}A-Za-z]{1,12}?)\s*[)）]/gu, '$1')
      // County A (sending) / 衢州（飞出地）: a role said in brackets after a name; the name stays the party
      .replace(/\s*\((?:the\s+)?(?:sending|receiving|host|home|origin)(?:\s+(?:area|side|region|county|city))?\)/gi, '')
      .replace(/\s*\((?:飞出地|飞入地|飞出方|飞入方)\)/g, '')
      .replace(/\b\d+[ -]ways?\b/gi, ' ')
      // shared according to how much each county invested / based on what each side put in: by contributions
      .replace(/\b(?:according to|in proportion to|based on|by)\s+(?:how much|what)\s+(?:each|every|they|both(?:\s+sides)?)(?:\s+(?:one|side|party|county|city|district|town|partner|area))?\s+(?:has\s+|had\s+|have\s+|each\s+)?(?:invested|contributed|put in|paid in|puts in|invests|contributes)\b/gi, 'in proportion to contributions')
      .replace(/\b(?:according to|in proportion to|based on)\s+(?:their|the|each side's|each party's)?\s*(?:investments?|contributions?)\b/gi, 'in proportion to contributions')
      // the sending and receiving areas → the sending area and the receiving area
      .replace(/\b(sending|receiving|home|host)\s+and\s+(?:the\s+)?(sending|receiving|home|host)\s+(area|region|side|countie|countrie|partie|district)s\b/gi, '$1 $3 and the $2 $3')
      // between sending and receiving area (the noun said once, in the singular): both roles in full
      .replace(/\b(sending|receiving)\s+and\s+(?:the\s+)?(sending|receiving)\s+(area|region|side|county)\b(?!s)/gi, '$1 $3 and the $2 $3')
      // between sending and receiving (no noun at all): the two roles, each in full
      .replace(/\b(between\s+(?:the\s+)?)(sending|receiving)\s+and\s+(?:the\s+)?(sending|receiving)\b(?!\s+(?:area|region|side|county|countie|partie|district|city|cities|town|end|party))/gi, '$1$2 area and the $3 area')
      // 40:60 sending:receiving / 60/40 sending/receiving: the two role nouns in the ratio's order
      .replace(/\b(sending|receiving)\s*([/:])\s*(sending|receiving)\b(?!\s+(?:area|region|side))/gi, (_m, a: string, sep: string, b: string) => `${a} area${sep === ':' ? ' and ' : '/'}${b} area`)
      // 70:30 county:township / 60/40 Quzhou/Hangzhou: two names joined as the ratio is, right after it, are its parties in order
      .replace(/(\d+(?:\.\d+)?\s*([:/])\s*\d+(?:\.\d+)?%?)\s+(?:to\s+|for\s+|between\s+)?(?:the\s+)?([A-Za-z]{3,})\s*\2\s*(?:the\s+)?([A-Za-z]{3,})\b/g, (m, ratio: string, _sep: string, a: string, b: string) => (/^(?:sending|receiving)$/i.test(a) ? m : `${ratio} between ${a} and ${b}`))
      // a calendar year (以2023年税收为基数) is a date, not a number of years or an amount
      .replace(/(?<!\d)(?:19|20)\d{2}\s*年(?:度)?/g, ' ')
      // …and so is an English one after its preposition (tax for 2025 came to 6 million; in 2024), unless a unit makes it a sum
      .replace(/\b(in|for|during|of|since)\s+(?:19|20)\d{2}\b(?!\s*(?:[.,]\d|%|万|亿|yuan|rmb|million|billion|thousand|m\b|k\b|bn\b))/gi, ' ')
      .replace(/\b(sending|receiving) (countie|partie)\b/gi, (_m, a: string, b: string) => `${a} ${b.toLowerCase() === 'countie' ? 'county' : 'party'}`)
      .replace(/(\d+(?:\.\d+)?)\s*-\s*years?\b/gi, '$1 years')
      .replace(/[ \t]+/g, ' ')
      .trim()
  );
}

/** Text with any Han character is read as Chinese; otherwise as English. */
export function isEnglish(text: string): boolean {
  return !/\p{Script=Han}/u.test(text) && /[a-z]{2,}/i.test(text);
}
