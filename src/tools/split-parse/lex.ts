/**
 * Step 2: the normalised text as a list of tokens. Numbers are read first, with their form
 * (money with a unit, a percentage, 成 tenths, a ratio such as 6:4 / 六四 / 60/40, a number of
 * years); the words between them are cut by the parser's own dictionary (longest match) and
 * then by jieba with parts of speech. Clause ends and list separators are tokens too.
 */
import { getJieba } from '../../retrieval/tokenize';
import { parseNumeral } from '../cn-number';
import { Q } from '../rational';
import { BY_CONTRIBUTION, EN_PHRASES, FLOOR_WORDING, INVESTMENT_COMPANY, PARTY_COUNT, ROLE_PLACE_KINDS, ROLE_SIDES, VERBS, ZH_LONGEST, ZH_WORDS, type Cat } from './lexicon';
import { cutPlaces, placeNamed } from '../../places/lexicon';

export type ShareForm = 'pct' | 'cheng' | 'plain';
export type Tok =
  | { k: 'money'; v: Q; raw: string }
  | { k: 'share'; v: Q; form: ShareForm; raw: string }
  | { k: 'ratio'; vs: Q[]; form: ShareForm; raw: string }
  /** A number of years, or with 第 the year a period starts; `to`: the last year of a range (第3到5年, years 4-5). */
  | { k: 'years'; n: number; pre: '' | '前' | '后' | '第'; raw: string; to?: number }
  | { k: 'num'; v: Q; raw: string }
  | { k: 'w'; t: string; pos: string; cat?: Cat }
  | { k: 'sep'; comma?: boolean };

const CN_DIGITS = '一二三四五六七八九';
const NUM = String.raw`\d+(?:\.\d+)?`;
const CN_NUM = '[\\d.〇零一二两三四五六七八九十百千万亿点]';
const RE = {
  space: /\s+/y,
  sep: /[，,。;；!！?？\n()（）\[\]]+|\.(?=\s|$)/y,
  colon: /[:：]/y,
  enumSep: /、|\/(?!\d)/y,
  pctRatio: new RegExp(`${NUM}%(?:\\s*(?:/|:|比|to|-)\\s*${NUM}%)+`, 'iy'),
  colonRatio: new RegExp(`${NUM}(?:\\s*[:∶比]\\s*${NUM})+`, 'y'),
  // 2/3, 1/4: a single-digit fraction below 1 is a share, not a ratio (60/40 and 3:7 are ratios)
  fraction: /([1-9])\s*\/\s*([2-9]|10)(?![\d:\/%]|\.\d)/y,
  cnFraction: new RegExp(`([${CN_DIGITS}十])分之([${CN_DIGITS}十])`, 'y'),
  // 九比一, 十比零, 五比三比二
  cnColonRatio: new RegExp(`[${CN_DIGITS}十零〇两]+(?:\\s*比\\s*[${CN_DIGITS}十零〇两]+)+`, 'y'),
  slashRatio: new RegExp(`${NUM}(?:\\s*/\\s*${NUM})+`, 'y'),
  // (it's 50-50. / 70-30 for the first two years / 60-40 then …: a sentence end or a time word after it too)
  dashRatio: /(\d{1,2})-(\d{1,2})(?=\s*(?:split|ratio|basis|share|分|$|[,，;；。)）]|\.(?!\d))|\s+(?:after|then|from|for|in|until|thereafter|each|every|and)\b)/iy,
  idiom: new RegExp(`[${CN_DIGITS}]{2,4}(?=\\s*(?:分成|分账|分配|分|开|比|的比例|比例|过渡|调整|$|[，。,;；、\\s（）()]|到|至|为|的|来分|切|逐|线|开始|起|降|升|调|变|改|统|算|计|均匀|平滑|匀速|慢|渐|缓|往|向))`, 'y'),
  // 50-50 between …, 70-30 with …: two parts of a hundred joined by a dash are a ratio whatever follows
  dashHundred: /(\d{1,2})-(\d{1,2})(?![\d.%])/y,
  moneyEn: new RegExp(`(${NUM})\\s*(billion|bn|million|mn|m|thousand|k|wan|yi)\\b(?:\\s*(?:yuan|rmb|cny))?|(${NUM})\\s*(?:yuan|rmb|cny)\\b|(?:rmb|cny)\\s*(${NUM})(?:\\s*(billion|bn|million|mn|m|thousand|k))?\\b`, 'iy'),
  moneyZh: new RegExp(`(${CN_NUM}*?[\\d一二两三四五六七八九十]${CN_NUM}*(?:万|亿))(?:元|块钱|块)?|(${CN_NUM}*?[\\d一二两三四五六七八九十]${CN_NUM}*?)(?:元|块钱|块)`, 'y'),
  // 八十七万六千 / 一亿五 / 两千万零五十: the lower places after 万 or 亿, with no unit of their own (a unit
  // digit after them, or a lone digit not closing the number, is something else: 八十万三七开, 一千万四方)
  moneyTailZh: /(?:[零〇]?[一二两三四五六七八九][千百十])+(?:[零〇]?[一二两三四五六七八九])?(?![零〇一二两三四五六七八九十百千万亿成年%份个倍\d])|[一二两三四五六七八九](?=$|[\s，,。;；!！?？元块的])/y,
  // 一个亿 / 两个亿 / 半个亿: 个 between the count and its unit
  moneyCountZh: /(\d+(?:\.\d+)?|[一二两三四五六七八九十]+|半)个(亿|万)(?:元|块钱|块)?/y,
  cnPercent: new RegExp(`百分之(${CN_NUM}+)`, 'y'),
  half: /一半(一半)?/y,
  percent: new RegExp(`(${NUM})%`, 'y'),
  // 每年降10个百分点 / drops 10 percentage points a year: points of a percentage are a percentage
  points: new RegExp(`(${NUM}|[${CN_DIGITS}两十]+)\\s*(?:个百分点|百分点|(?:percentage\\s+)?points?\\b)`, 'iy'),
  // 甲村两份乙村一份: parts after a name (份额, 份协议 are not parts)
  parts: new RegExp(`(${NUM}|[${CN_DIGITS}两十]+)份(?![额子协文量数])`, 'y'),
  // we keep 3 parts and they get 7 parts / 2 shares to the village: parts, as 两份 / 一份
  partsEn: new RegExp(`(${NUM})\\s*(?:parts?|portions?|shares)\\b`, 'iy'),
  // 三成, 三成半, 三成五 (= 3.5 成)
  cheng: new RegExp(`(${NUM}|[${CN_DIGITS}两十]|半)成(半|[${CN_DIGITS}](?![十百千万亿年成]))?(?![本立功果员都交长熟绩效]|为(?!止))`, 'y'),
  yearsZh: new RegExp(`(前|头|后|最后|第)?(${NUM}|[${CN_DIGITS}两十]+)个?(?:年|年度)(?!度)`, 'y'),
  yearsEn: new RegExp(`(?:(first|next|last|later|following|final|year)\\s+)?(${NUM})\\s*(?:years?|yrs?)\\b`, 'iy'),
  yearRangeZh: new RegExp(`第?(${NUM}|[${CN_DIGITS}两十]+)(?:年)?\\s*(?:到|至|-|–|~|—)\\s*第?(${NUM}|[${CN_DIGITS}两十]+)年`, 'y'),
  yearRangeEn: new RegExp(`years?\\s+(${NUM})\\s*(?:-|–|to|through)\\s*(${NUM})\\b`, 'iy'),
  yearOrdinalEn: new RegExp(`(?:from|starting|after|in|since|by)\\s+year\\s+(${NUM})\\b`, 'iy'),
  // "year 1 3 million" / "Year 1 profit 2M": a year numbered right before an amount, or before what is split and its amount
  yearBeforeAmountEn: new RegExp(`year\\s+(\\d{1,2})\\b(?=\\s*[:,]?\\s*(?:(?:net\\s+)?(?:profits?|tax(?:es)?|revenues?|income|dividends?|earnings|proceeds|output)\\s*)?(?:(?:was|is|of|[:=])\\s*)?(?:(?:rmb|cny|¥)\\s*)?\\d)`, 'iy'),
  // "12m year 2, 15m year 4.": a year numbered right after an amount dates that amount
  yearAfterAmountEn: /year\s+(\d{1,2})\b/iy,
  // 1e308: read whole (a float's exponent is not a party named "e"); too large → a clear refusal
  plain: new RegExp(`${NUM}(?:e[+-]?\\d+)?`, 'iy'),
  // (飞入地3 村集体2: a count's counter is not the first character of the next party's name)
  counted: new RegExp(`\\d+\\s*(?:个|县|家|项|列|座|所|名|人|次|条|类|种|区|市|省|村|镇|乡)(?![\\d%亿万千百]|集体|委会|民委员会|级|政府|城投|交投|国资|平台)`, 'y'),
  han: /\p{Script=Han}+/uy,
  latin: /[A-Za-z][A-Za-z'&-]*/y,
};

function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

const EN_MULT: Record<string, number> = { billion: 1e9, bn: 1e9, million: 1e6, mn: 1e6, m: 1e6, thousand: 1e3, k: 1e3, wan: 1e4, yi: 1e8 };
const num = (s: string) => Q.from(Number(s));

/** 飞出地六飞入地四分 / 衢州七杭州三 / A县六B县四分: bare digits after each of two or more names, the list closed by 分/开 or the clause end, are tenths. */
const NAME_DIGIT_PAIRS = new RegExp(`^[${CN_DIGITS}](?:(?:(?![${CN_DIGITS}十百千万亿两年成])[\\p{Script=Han}A-Za-z]){2,8}?[${CN_DIGITS}])+(?=分(?!之)|开|$|[\\s，,。;；、）)])`, 'u');
/** A bare Chinese digit after 拿/得/占 (A县拿四, 得七) is tenths. */
const TAKE_BEFORE = /(?:拿|得|占|分得|分到|获得|拿到|得到|要)$/;

export function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let text = '';
  const flushText = () => {
    if (text) out.push(...words(text));
    text = '';
  };
  const push = (t: Tok, len: number) => {
    flushText();
    out.push(t);
    i += len;
  };
  while (i < s.length) {
    let m: RegExpExecArray | null;
    const before = s.slice(Math.max(0, i - 3), i);
    const wordChar = /[A-Za-z]/.test(s[i - 1] ?? '');
    if ((m = at(RE.space, s, i))) {
      // 第一年飞出地拿九成 第三年降到六成: a space after a number and before Chinese is a space between words
      // (./names decides whether it ends the clause, as it does between two words)
      const last = out[out.length - 1];
      if (!text && last && (last.k === 'share' || last.k === 'ratio' || last.k === 'money' || last.k === 'years') && /\p{Script=Han}/u.test(s[i + m[0].length] ?? '')) out.push({ k: 'w', t: ' ', pos: 'x', cat: 'and' });
      else text += ' ';
      i += m[0].length;
    } else if ((m = at(RE.sep, s, i))) push({ k: 'sep', ...(/^[,，]$/.test(m[0]) ? { comma: true } : {}) }, m[0].length);
    else if ((m = at(RE.colon, s, i))) push({ k: 'w', t: m[0], pos: 'x', cat: 'stop' }, m[0].length);
    else if ((m = at(RE.enumSep, s, i))) push({ k: 'w', t: '、', pos: 'c', cat: 'and' }, m[0].length);
    // "from 100% to 60%" is a glide, not a 100:60 ratio
    else if (!wordChar && (m = at(RE.pctRatio, s, i)) && !(/\bto\b|-/i.test(m[0]) && /(?:from|从|由)\s*$/i.test(s.slice(0, i)))) push({ k: 'ratio', vs: m[0].match(/\d+(?:\.\d+)?/g)!.map(num), form: 'pct', raw: m[0] }, m[0].length);
    else if (!wordChar && (m = at(RE.moneyEn, s, i))) {
      const n = m[1] ?? m[3] ?? m[4];
      const unit = (m[2] ?? m[5] ?? '').toLowerCase();
      push({ k: 'money', v: num(n).mul(Q.from(EN_MULT[unit] ?? 1)), raw: m[0] }, m[0].length);
    } else if (!wordChar && (m = at(RE.fraction, s, i)) && Number(m[1]) < Number(m[2])) {
      push({ k: 'share', v: Q.int(100).mul(Q.int(Number(m[1]))).div(Q.int(Number(m[2]))), form: 'pct', raw: m[0] }, m[0].length);
    } else if ((m = at(RE.cnColonRatio, s, i)) && m[0].split(/\s*比\s*/).every((x) => parseNumeral(x) !== undefined)) {
      push({ k: 'ratio', vs: m[0].split(/\s*比\s*/).map((x) => parseNumeral(x)!), form: 'plain', raw: m[0] }, m[0].length);
    } else if ((m = at(RE.cnFraction, s, i)) && parseNumeral(m[2])!.lt(parseNumeral(m[1])!)) {
      push({ k: 'share', v: Q.int(100).mul(parseNumeral(m[2])!).div(parseNumeral(m[1])!), form: 'pct', raw: m[0] }, m[0].length);
    } else if (!wordChar && ((m = at(RE.colonRatio, s, i)) || (m = at(RE.slashRatio, s, i)))) push({ k: 'ratio', vs: m[0].match(/\d+(?:\.\d+)?/g)!.map(num), form: 'plain', raw: m[0] }, m[0].length);
    else if (!wordChar && ((m = at(RE.dashRatio, s, i)) || ((m = at(RE.dashHundred, s, i)) && Number(m[1]) + Number(m[2]) === 100))) push({ k: 'ratio', vs: [num(m[1]), num(m[2])], form: 'plain', raw: m[0] }, m[0].length);
    else if (((m = at(RE.yearRangeZh, s, i)) && (s[i] === '第' || s[i - 1] === '第')) || (m = at(RE.yearRangeEn, s, i))) {
      const a = yearsValue(m[1]);
      const b = yearsValue(m[2]);
      if (a !== undefined && b !== undefined && b >= a) push({ k: 'years', n: a, pre: '第', raw: m[0], to: b }, m[0].length);
      else push({ k: 'num', v: num('0'), raw: m[0] }, m[0].length);
    } else if ((m = at(RE.yearOrdinalEn, s, i)) || (!wordChar && (m = at(RE.yearBeforeAmountEn, s, i))) || (!wordChar && !text.trim() && out[out.length - 1]?.k === 'money' && (m = at(RE.yearAfterAmountEn, s, i)))) {
      // (then 50/50 in year 3: "in" a year right after a ratio is that year alone; from / starting / after a year is onward)
      const alone = /^in\s/i.test(m[0]) && /\d\s*[/:-]\s*\d+\s*$/.test(s.slice(Math.max(0, i - 12), i));
      push({ k: 'years', n: Number(m[1]), pre: '第', raw: m[0], ...(alone ? { to: Number(m[1]) } : {}) }, m[0].length);
    }
    else if ((m = at(RE.yearsZh, s, i)) && yearsValue(m[2]) !== undefined) push({ k: 'years', n: yearsValue(m[2])!, pre: yearPrefix(m[1]), raw: m[0] }, m[0].length);
    else if (!wordChar && (m = at(RE.yearsEn, s, i))) push({ k: 'years', n: Number(m[2]), pre: yearPrefixEn(m[1]), raw: m[0] }, m[0].length);
    else if ((m = at(RE.moneyCountZh, s, i)) && (m[1] === '半' || parseNumeral(m[1]))) push({ k: 'money', v: (m[1] === '半' ? new Q(1n, 2n) : parseNumeral(m[1])!).mul(Q.int(m[2] === '亿' ? 1e8 : 1e4)), raw: m[0] }, m[0].length);
    else if ((m = at(RE.moneyZh, s, i)) && parseNumeral(m[1] ?? m[2])) {
      const tail = m[1] && m[0] === m[1] ? at(RE.moneyTailZh, s, i + m[0].length) : null;
      const whole = tail && parseNumeral(m[1] + tail[0]);
      if (tail && whole) {
        const yuan = /^(?:元|块钱|块)/.exec(s.slice(i + m[0].length + tail[0].length))?.[0] ?? '';
        push({ k: 'money', v: whole, raw: m[0] + tail[0] + yuan }, m[0].length + tail[0].length + yuan.length);
      } else push({ k: 'money', v: parseNumeral(m[1] ?? m[2])!, raw: m[0] }, m[0].length);
    }
    else if ((m = at(RE.cnPercent, s, i)) && parseNumeral(m[1])) push({ k: 'share', v: parseNumeral(m[1])!, form: 'pct', raw: m[0] }, m[0].length);
    // 省里拿一半 / 各占一半: half (一半一半 and 各一半 are the dictionary's even words)
    else if ((m = at(RE.half, s, i)) && !/[各]$/.test(before)) push(m[1] ? { k: 'w', t: m[0], pos: 'lex', cat: 'even' } : { k: 'share', v: Q.int(50), form: 'pct', raw: m[0] }, m[0].length);
    else if (!wordChar && (m = at(RE.points, s, i)) && parseNumeral(m[1])) push({ k: 'share', v: parseNumeral(m[1])!, form: 'pct', raw: m[0] }, m[0].length);
    else if ((m = at(RE.percent, s, i))) push({ k: 'share', v: num(m[1]), form: 'pct', raw: m[0] }, m[0].length);
    else if (!wordChar && (m = at(RE.partsEn, s, i))) push({ k: 'share', v: num(m[1]), form: 'plain', raw: m[0] }, m[0].length);
    else if (/\p{Script=Han}$/u.test(before) && !/[\d第前后头每]$/.test(before) && (m = at(RE.parts, s, i)) && parseNumeral(m[1])) push({ k: 'share', v: parseNumeral(m[1])!, form: 'plain', raw: m[0] }, m[0].length);
    else if ((m = at(RE.cheng, s, i)) && (m[1] === '半' || parseNumeral(m[1]))) push({ k: 'share', v: (m[1] === '半' ? new Q(1n, 2n) : parseNumeral(m[1])!).add(!m[2] ? Q.ZERO : m[2] === '半' ? new Q(1n, 2n) : parseNumeral(m[2])!.div(Q.int(10))), form: 'cheng', raw: m[0] }, m[0].length);
    else if ((m = at(RE.idiom, s, i))) push({ k: 'ratio', vs: [...m[0]].map((c) => parseNumeral(c)!), form: 'plain', raw: m[0] }, m[0].length);
    else if (CN_DIGITS.includes(s[i]) && TAKE_BEFORE.test(before) && TAKE_BEFORE.test(text) && !/[十百千万亿年成些点]/.test(s[i + 1] ?? '')) {
      // A县得七: the take word is its own word, not the end of the name before it
      const take = TAKE_BEFORE.exec(text)![0];
      text = text.slice(0, -take.length);
      flushText();
      out.push({ k: 'w', t: take, pos: 'v', cat: 'take' });
      push({ k: 'share', v: parseNumeral(s[i])!, form: 'cheng', raw: s[i] }, 1);
    } else if (CN_DIGITS.includes(s[i]) && (TAKE_BEFORE.test(before) || (/\p{Script=Han}$/u.test(before) && !new RegExp(`[${CN_DIGITS}十百千万亿两第前后头]$`).test(before) && (/^(?:$|[\s，,。;；、和与）)]|分(?!之|钱))/.test(s.slice(i + 1)) || NAME_DIGIT_PAIRS.test(s.slice(i))))) && !/[十百千万亿年成些点]/.test(s[i + 1] ?? '')) push({ k: 'share', v: parseNumeral(s[i])!, form: 'cheng', raw: s[i] }, 1);
    // A number counted by a classifier (26县, 30个, 54项, 2619列) is a count of things, never a share.
    else if (!wordChar && (m = at(RE.counted, s, i))) {
      text += m[0];
      i += m[0].length;
    } else if (!wordChar && (m = at(RE.plain, s, i))) push({ k: 'num', v: num(m[0]), raw: m[0] }, m[0].length);
    else {
      text += s[i];
      i += 1;
    }
  }
  flushText();
  return mergeEnglish(out);
}

function yearsValue(s: string): number | undefined {
  const v = parseNumeral(s)?.toNumber();
  return v !== undefined && Number.isInteger(v) && v >= 1 && v <= 100 ? v : undefined;
}
function yearPrefix(p: string | undefined): Extract<Tok, { k: 'years' }>['pre'] {
  return p === '前' || p === '头' ? '前' : p === '后' || p === '最后' ? '后' : p === '第' ? '第' : '';
}
function yearPrefixEn(p: string | undefined): Extract<Tok, { k: 'years' }>['pre'] {
  const w = p?.toLowerCase();
  return w === 'first' ? '前' : w === 'next' || w === 'last' || w === 'later' || w === 'following' || w === 'final' ? '后' : w === 'year' ? '第' : '';
}

/** Words of a run of text with no numbers in it: Chinese by dictionary then jieba, English by phrase. */
function words(run: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < run.length) {
    let m: RegExpExecArray | null;
    if ((m = at(RE.han, run, i))) {
      out.push(...hanWords(m[0]));
      i += m[0].length;
    } else if ((m = at(RE.latin, run, i))) {
      out.push({ k: 'w', t: m[0], pos: 'eng' });
      i += m[0].length;
    } else if (/\s/.test(run[i]) && /\p{Script=Han}/u.test(run[i - 1] ?? '') && /\p{Script=Han}/u.test(run[i + 1] ?? '')) {
      // 衢州 杭州: between Chinese words a space separates names
      out.push({ k: 'w', t: ' ', pos: 'x', cat: 'and' });
      i += 1;
    } else if (run[i] === '&' || run[i] === '+') {
      out.push({ k: 'w', t: '&', pos: 'c', cat: 'and' });
      i += 1;
    } else i += 1; // a symbol: nothing to read
  }
  return out;
}

/** One-character function words that jieba may glue to the unknown word after them (归乙县, 由丙, 各算). */
const FUNCTION_HEAD = /^(归|给|由|向|把|被|将|对|从|按|以|在|为|和|与|跟|同|及|让|使|各)(\p{Script=Han}+)$/u;

/** Longest match of the parser's multi-character words; jieba (with POS) for what is between them. */
function hanWords(run: string): Tok[] {
  const out: Tok[] = [];
  let rest = '';
  const flush = () => {
    if (!rest) return;
    for (const w of placesCut(getJieba().tag(rest, true))) {
      const prev = out[out.length - 1];
      const head = FUNCTION_HEAD.exec(w.word);
      // 其余归乙县 / 由丙公司: a word jieba did not know (x) that starts with a function word is that word and a name
      if (head && w.tag === 'x' && !ZH_WORDS.has(w.word)) {
        out.push({ k: 'w', t: head[1], pos: 'p', cat: ZH_WORDS.get(head[1]) ?? 'stop' });
        for (const r of getJieba().tag(head[2], true)) out.push({ k: 'w', t: r.word, pos: r.tag, cat: ZH_WORDS.get(r.word) });
      } else if (/^[和与及跟同][县市区镇]$/.test(w.word) && prev?.k === 'w' && (prev.cat === 'role' || prev.pos === 'ns' || /[县市区镇乡村]$/.test(prev.t))) {
        // 青山镇和县城投公司 / 镇政府和县国资公司: after a party, 和县 is "and" and the level of the next name
        out.push({ k: 'w', t: w.word[0], pos: 'c', cat: 'and' }, { k: 'w', t: w.word[1], pos: 'zg' });
      } else out.push({ k: 'w', t: w.word, pos: w.tag, cat: ZH_WORDS.get(w.word) });
    }
    rest = '';
  };
  let i = 0;
  while (i < run.length) {
    let hit = '';
    for (let len = Math.min(ZH_LONGEST, run.length - i); len >= 2; len--) {
      const w = run.slice(i, i + len);
      if (ZH_WORDS.has(w)) {
        hit = w;
        break;
      }
    }
    PARTY_COUNT.lastIndex = i;
    const count = PARTY_COUNT.exec(run)?.[0];
    INVESTMENT_COMPANY.lastIndex = i;
    const company = INVESTMENT_COMPANY.exec(run)?.[0];
    BY_CONTRIBUTION.lastIndex = i;
    const byContrib = BY_CONTRIBUTION.exec(run)?.[0];
    FLOOR_WORDING.lastIndex = i;
    const floor = FLOOR_WORDING.exec(run)?.[0];
    if (floor && floor.length > hit.length) {
      flush();
      out.push({ k: 'w', t: floor, pos: 'lex', cat: 'floor' });
      i += floor.length;
    } else if (byContrib && byContrib.length >= hit.length && byContrib.length >= 3) {
      flush();
      out.push({ k: 'w', t: byContrib, pos: 'lex', cat: 'byContrib' });
      i += byContrib.length;
    } else if (company && company.length > hit.length) {
      flush();
      out.push({ k: 'w', t: company, pos: 'lex', cat: 'role' });
      i += company.length;
    } else if (count && count.length > hit.length) {
      flush();
      out.push({ k: 'w', t: count, pos: 'lex', cat: 'both' });
      i += count.length;
    } else if (hit) {
      flush();
      out.push({ k: 'w', t: hit, pos: 'lex', cat: ZH_WORDS.get(hit) });
      i += hit.length;
    } else rest += run[i++];
  }
  flush();
  return out;
}

type Tagged = { word: string; tag: string };
/** The most jieba words a run of places typed together is looked for in (开化常山江山龙游衢江: at most 5 places, each cut in two). */
const MAX_PLACE_SPAN = 10;

/**
 * jieba's words with every run of places typed together cut at the places (柯城衢/x 江/nr → 柯城/ns
 * 衢江/ns), by the place lexicon; a word that is a known place is tagged as one (开化/v → ns). Words
 * the parser knows by meaning are never part of such a run.
 */
function placesCut(words: Tagged[]): Tagged[] {
  const out: Tagged[] = [];
  for (let s = 0; s < words.length; ) {
    let done = false;
    for (let e = Math.min(words.length, s + MAX_PLACE_SPAN); e > s && !done; e--) {
      const span = words.slice(s, e);
      // a one-character function word may be part of a place (莲/都 → 莲都, 云/和 → 云和); longer cue words never are
      if (span.some((w) => ZH_WORDS.has(w.word) && w.word.length > 1)) continue;
      // a list word jieba glued to a place (丽水/和平/湖: 和平 is a word) is cut out again
      const glued = span.some((w) => w.word.length > 1 && /[和与及跟同]/.test(w.word));
      const cut = cutPlaces(span.map((w) => w.word).join(''), glued);
      if (!cut) continue;
      out.push(...cut.map((word) => ({ word, tag: word.length === 1 ? 'c' : 'ns' })));
      s = e;
      done = true;
    }
    if (done) continue;
    // 云/和/跟/宁波: a place jieba cut into single characters, the list word after it left outside, is one place again
    const chars = [3, 2].find((n) => s + n <= words.length && words.slice(s, s + n).every((w) => w.word.length === 1) && placeNamed(words.slice(s, s + n).map((w) => w.word).join('')));
    if (chars) {
      out.push({ word: words.slice(s, s + chars).map((w) => w.word).join(''), tag: 'ns' });
      s += chars;
      continue;
    }
    const w = words[s++];
    // 乙镇丙镇 (jieba's one word for two towns typed together): names of one level, each a stem and the level, are cut apart
    const same = SAME_LEVEL_RUN.exec(w.word);
    if (same && w.word.split(same[1]!).length - 1 >= 2) {
      for (const piece of w.word.match(new RegExp(`[^${same[1]}]{1,3}${same[1]}`, 'g')) ?? []) out.push({ word: piece, tag: 'ns' });
      continue;
    }
    out.push(w.tag !== 'ns' && !ZH_WORDS.has(w.word) && !VERBS.has(w.word) && placeNamed(w.word) ? { word: w.word, tag: 'ns' } : w);
  }
  return out;
}

/** A word made of names of one level typed together (乙镇丙镇, 甲村乙村): each piece one to three characters and the level. */
const SAME_LEVEL_RUN = /^(?:[\u4e00-\u9fff]{1,3}?([县市区镇乡村]))(?:[\u4e00-\u9fff]{1,3}?\1)+$/;

/** The two roles' other English names, as the one name each has in the result. */
const ROLE_SYNONYM: Record<string, string> = {
  'origin area': 'sending area',
  // the sending side / county / city …, the host county, the home side: one role whatever the kind of place it is said to be
  ...Object.fromEntries(Object.entries(ROLE_SIDES).flatMap(([side, role]) => ROLE_PLACE_KINDS.map((k) => [`${side} ${k}`, role]).filter(([w]) => w !== role))),
};

/** English cue phrases (the rest, tax revenue, sending area) become one word each. */
function mergeEnglish(toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; ) {
    const t = toks[i];
    // a sentence-initial "A" before a lower-case word or a number is the article
    const n1 = toks[i + 1];
    // (and "I" before a verb is the speaker: how do I divide …)
    if (((i === 0 && t.k === 'w' && t.t === 'A') || (t.k === 'w' && t.t === 'I' && n1?.k === 'w' && /^[a-z]/.test(n1.t))) && n1 && (n1.k === 'num' || n1.k === 'years' || n1.k === 'money' || n1.k === 'ratio' || n1.k === 'share' || (n1.k === 'w' && /^[a-z]/.test(n1.t)))) {
      out.push({ ...t, cat: 'filler' });
      i += 1;
      continue;
    }
    if (t.k === 'w' && t.pos === 'eng') {
      const hit = EN_PHRASES.find(([ph]) => ph.every((p, j) => {
        const x = toks[i + j];
        // a lone capital letter is a name (County A), not the article
        return x && x.k === 'w' && x.pos === 'eng' && x.t.toLowerCase() === p && !/^[A-Z]$/.test(x.t);
      }));
      if (hit) {
        const typed = toks.slice(i, i + hit[0].length).map((x) => (x as { t: string }).t).join(' ');
        // a role noun has one spelling whatever its place in the sentence (Sending area … receiving area),
        // and one name whatever its synonym (the sending side is the sending area)
        const text = hit[1] === 'role' ? ROLE_SYNONYM[hit[0].join(' ')] ?? hit[0].join(' ') : typed;
        out.push({ k: 'w', t: text, pos: 'eng', cat: hit[1] });
        i += hit[0].length;
        continue;
      }
    }
    out.push(t);
    i += 1;
  }
  return out;
}
