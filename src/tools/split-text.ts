/**
 * Reads a split request typed in chat: `衢州 60% 杭州 40% 税收 1.5亿`, `五五分成 2400万`, `六四分成 1000万元`,
 * `三七开 300万`, `甲 三成 乙 七成 收入 200万`, `起始飞地 5 中继飞地 3 终端飞地 2 分 1000万元`, `6:4 分成 500万`,
 * `60%/40% 1000万`. Amounts become yuan (1.5亿 → 150000000). Every assumption (default names, which
 * number goes to whom) is returned as a note for the steps; anything missing or ambiguous returns a
 * message saying exactly what to add, with an example — it never guesses silently.
 */
import { UserError } from '../errors';
import { CN_DIGIT_CHARS, CN_NUMBER_CHARS, parseNumeral } from './cn-number';
import { groupDigits, Q, sum, trimDecimal } from './rational';
import { computeSplit, type SplitInput, type SplitResult } from './split';

export type SplitTextResult =
  | { ok: true; input: SplitInput; notes: string[] }
  | { ok: false; missing: Array<'revenue' | 'ratio' | 'parties'>; message: string; example: string };

type ShareKind = 'percent' | 'cheng' | 'plain';
type Token =
  | { t: 'ratio'; values: Q[]; kind: ShareKind | 'idiom'; raw: string }
  | { t: 'money'; value: Q; raw: string }
  | { t: 'share'; value: Q; kind: ShareKind; raw: string }
  | { t: 'word'; text: string };

const MONEY_UNIT_ZH = '(?:亿元|万元|千元|元|块钱|块|亿|万)';
const MONEY_UNIT_EN = '(?:billion|bn|million|mn|m|thousand|k)';

const INDICATORS: Array<[RegExp, string]> = [
  [/^(?:营业收入|营收)$/, '营业收入'],
  [/^(?:税收收入|税收|地方税收|地方级税收|税)$/, '税收'],
  [/^(?:GDP|地区生产总值|生产总值)$/i, 'GDP'],
  [/^(?:投资额|投资)$/, '投资'],
  [/^(?:产值|工业产值)$/, '产值'],
  [/^(?:利润|净利润)$/, '利润'],
  [/^(?:收入|收益|总收入|总收益)$/, '收入'],
  [/^(?:tax|taxes|tax revenue)$/i, '税收'],
  [/^(?:revenue|income|profit|profits)$/i, '收入'],
  [/^(?:investment)$/i, '投资'],
  [/^(?:output)$/i, '产值'],
];
const AMOUNT_WORDS = /^(?:总额|金额|合计|总共|一共|共计|共|总计|分|分配|total|amount|of|split|divide)$/i;
const FILLER = new RegExp(
  '^(?:和|与|跟|同|及|以及|占|各占|各|分别|分得|得|拿|归|给|开|分成|分账|比例|按|按照|的|是|为|请|帮我|帮忙|算|计算|算一下|一下|如果|的话|多少|每方|双方|三方|各方|飞地|园区|合作|按比例|元|人民币|' +
    'and|&|the|to|for|between|with|share|shares|ratio|please|calculate|compute|how|much|each|gets|get|split|yuan|rmb|cny|by|on|in|is|are)$',
  'i',
);
/** Words that end a name where they start (衢州占60%, 衢州和杭州). */
const SPLITTERS = ['以及', '按照', '按', '比例', '归', '和', '与', '跟', '及', '各占', '占', '分得', '得到', '拿', '保底', '基数', '营业收入', '税收', '收入', '收益', '总额', '金额', '合计', '一共', '总共'];
const DEFAULT_MULTI = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'];
const ROLE_NAMES = ['飞出地', '飞入地', '起始飞地', '中继飞地', '终端飞地'];

// ---------- tokenizer ----------
const RE = {
  sep: /[\s,;:，。；、!?！？()（）【】“”"'《》]+/y,
  percentRatio: /\d+(?:\.\d+)?\s*%(?:\s*[/:∶比]\s*\d+(?:\.\d+)?\s*%)+/y,
  colonRatio: /\d+(?:\.\d+)?(?:\s*[:∶比]\s*\d+(?:\.\d+)?)+/y,
  slashRatio: /\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)+/y,
  idiom: new RegExp(`[${CN_DIGIT_CHARS.replace(/[零〇]/g, '')}]{2,5}(?=\\s*(?:分成|分账|分配|开|分|比例|的比例|比))`, 'y'),
  even: /(?:对半分|对半|平分|均分|五五开)/y,
  cnPercent: new RegExp(`百分之([\\d.${CN_NUMBER_CHARS}]+)`, 'y'),
  percent: /(\d+(?:\.\d+)?)\s*%/y,
  cheng: new RegExp(`([\\d.]+|[${CN_DIGIT_CHARS}十半])\\s*成(?![都本果立员为功交长熟])`, 'y'),
  moneyZh: new RegExp(`([\\d.${CN_NUMBER_CHARS}]+)\\s*${MONEY_UNIT_ZH}(?:人民币)?`, 'y'),
  moneyEn: new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${MONEY_UNIT_EN})\\b\\s*(?:yuan|rmb|cny)?|(\\d+(?:\\.\\d+)?)\\s*(?:yuan|rmb|cny)\\b`, 'iy'),
  plain: /\d+(?:\.\d+)?/y,
  wordChar: /[\p{L}\p{M}_-]/uy,
};

function at(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

function enMoney(m: RegExpExecArray): Q {
  const n = Q.from(Number(m[1] ?? m[3]));
  const unit = (m[2] ?? '').toLowerCase();
  const mult = unit === 'billion' || unit === 'bn' ? 1e9 : unit === 'million' || unit === 'mn' || unit === 'm' ? 1e6 : unit === 'thousand' || unit === 'k' ? 1e3 : 1;
  return n.mul(Q.int(mult));
}

function tokenStartsAt(s: string, i: number): boolean {
  for (const re of [RE.percentRatio, RE.colonRatio, RE.slashRatio, RE.idiom, RE.even, RE.cnPercent, RE.percent, RE.cheng, RE.moneyEn, RE.moneyZh, RE.plain]) {
    const m = at(re, s, i);
    if (m && m[0].length) {
      // a Chinese numeral inside a name (三门县, 六安) only starts a token when it is a full money/ratio/成 token
      return true;
    }
  }
  return SPLITTERS.some((w) => s.startsWith(w, i));
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    let m: RegExpExecArray | null;
    if ((m = at(RE.sep, s, i))) {
      i += m[0].length;
      continue;
    }
    if ((m = at(RE.percentRatio, s, i))) {
      out.push({ t: 'ratio', kind: 'percent', values: m[0].match(/\d+(?:\.\d+)?/g)!.map((x) => Q.from(Number(x))), raw: m[0] });
    } else if ((m = at(RE.moneyEn, s, i))) {
      out.push({ t: 'money', value: enMoney(m), raw: m[0] });
    } else if ((m = at(RE.colonRatio, s, i)) || (m = at(RE.slashRatio, s, i))) {
      out.push({ t: 'ratio', kind: 'plain', values: m[0].match(/\d+(?:\.\d+)?/g)!.map((x) => Q.from(Number(x))), raw: m[0] });
    } else if ((m = at(RE.idiom, s, i))) {
      out.push({ t: 'ratio', kind: 'idiom', values: [...m[0]].map((c) => parseNumeral(c)!), raw: m[0] });
    } else if ((m = at(RE.even, s, i))) {
      out.push({ t: 'ratio', kind: 'idiom', values: [], raw: m[0] }); // equal shares, count decided later
    } else if ((m = at(RE.cnPercent, s, i)) && parseNumeral(m[1])) {
      out.push({ t: 'share', kind: 'percent', value: parseNumeral(m[1])!, raw: m[0] });
    } else if ((m = at(RE.percent, s, i))) {
      out.push({ t: 'share', kind: 'percent', value: Q.from(Number(m[1])), raw: m[0] });
    } else if ((m = at(RE.cheng, s, i)) && (m[1] === '半' || parseNumeral(m[1]))) {
      out.push({ t: 'share', kind: 'cheng', value: m[1] === '半' ? new Q(1n, 2n) : parseNumeral(m[1])!, raw: m[0] });
    } else if ((m = at(RE.moneyZh, s, i)) && parseNumeral(m[1]) && /[\d一二两三四五六七八九十]/.test(m[1])) {
      const unit = m[0].slice(m[1].length).trim();
      const mult = unit.startsWith('亿') ? 1e8 : unit.startsWith('万') ? 1e4 : unit.startsWith('千') ? 1e3 : 1;
      out.push({ t: 'money', value: parseNumeral(m[1])!.mul(Q.int(mult)), raw: m[0] });
    } else if ((m = at(RE.plain, s, i))) {
      out.push({ t: 'share', kind: 'plain', value: Q.from(Number(m[0])), raw: m[0] });
    } else {
      // a word: letters up to the next separator or token start
      // 按 ends a name (杭州按四六分) but may also begin one (按摩园), so it only splits inside a word.
      const splitter = SPLITTERS.find((w) => s.startsWith(w, i) && w !== '按');
      if (splitter) {
        out.push({ t: 'word', text: splitter });
        i += splitter.length;
        continue;
      }
      let j = i;
      while (j < s.length && at(RE.wordChar, s, j) && (j === i || !tokenStartsAt(s, j))) j++;
      if (j === i) j = i + 1; // an unknown symbol: skip it
      const text = s.slice(i, j);
      if (at(RE.wordChar, text, 0)) out.push({ t: 'word', text });
      i = j;
      continue;
    }
    i += m[0].length;
  }
  return out;
}

// ---------- interpretation ----------
const fmt = (q: Q) => groupDigits(trimDecimal(q.toFixed(4)));

function fail(missing: Array<'revenue' | 'ratio' | 'parties'>, zh: string, en: string, exampleZh: string, exampleEn: string, english: boolean): SplitTextResult {
  const example = english ? exampleEn : exampleZh;
  return { ok: false, missing, message: english ? en : zh, example };
}

export function parseSplitText(text: string): SplitTextResult {
  const s = text.normalize('NFKC').replace(/(\d),(?=\d{3}(?!\d))/g, '$1').trim();
  const english = !/\p{Script=Han}/u.test(s) && /[a-z]{2,}/i.test(s);
  const EX = { zh: '衢州 60% 杭州 40% 税收 1000万', en: 'Quzhou 60% Hangzhou 40% tax 10 million yuan' };
  if (!s) return fail(['ratio', 'revenue'], '没有内容：请给出分成比例和金额。', 'Nothing to compute: give the ratio and the amount.', EX.zh, EX.en, english);

  let tokens: Token[];
  try {
    tokens = tokenize(s);
  } catch (e) {
    // A number too long for a float (e.g. 400 digits) cannot be a real amount or share.
    if (!(e instanceof RangeError)) throw e;
    return fail(['revenue'], '有一个数字太大，无法计算：请检查金额和比例。', 'A number is too large to compute with: check the amount and the ratio.', EX.zh, EX.en, english);
  }
  const notes: string[] = [];
  let indicator: string | undefined;
  const names: Array<{ name: string; share?: Extract<Token, { t: 'share' }>; floor?: Q }> = [];
  const looseShares: Array<Extract<Token, { t: 'share' }>> = [];
  const ratios: Array<Extract<Token, { t: 'ratio' }>> = [];
  const money: Array<Extract<Token, { t: 'money' }>> = [];
  let baseline: { amount: Q; owner?: string; raw: string } | undefined;
  let pendingFloor = false;
  let pendingBaseline = false;
  let afterAmountWord = false;
  let lastName: (typeof names)[number] | undefined;
  let awaitingOwner = false;
  let baselineOwnerBefore: string | undefined;

  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (tok.t === 'word') {
      const w = tok.text;
      const ind = INDICATORS.find(([re]) => re.test(w));
      if (ind) {
        indicator ??= ind[1] === '收入' && !english ? w : ind[1];
        afterAmountWord = true;
        continue;
      }
      if (w === '保底') {
        pendingFloor = true;
        continue;
      }
      if (w === '基数' || /^(?:baseline|base)$/i.test(w)) {
        pendingBaseline = true;
        const prevTok = tokens[k - 1];
        baselineOwnerBefore = prevTok?.t === 'word' && names.some((n) => n.name === prevTok.text) ? prevTok.text : undefined;
        continue;
      }
      if (w === '归' && baseline && !baseline.owner) {
        awaitingOwner = true;
        continue;
      }
      if (AMOUNT_WORDS.test(w)) {
        afterAmountWord = true;
        continue;
      }
      if (FILLER.test(w)) continue;
      // 甲乙 / 甲乙丙 typed together are several parties
      const parts = /^[甲乙丙丁戊己庚辛]{2,}$/.test(w) ? [...w] : [w];
      for (const p of parts) {
        if (awaitingOwner && baseline) {
          baseline.owner = p;
          awaitingOwner = false;
          continue;
        }
        const existing = names.find((n) => n.name === p);
        lastName = existing ?? { name: p };
        if (!existing) names.push(lastName);
      }
      afterAmountWord = false;
      continue;
    }
    if (tok.t === 'money' || (tok.t === 'share' && tok.kind === 'plain' && (afterAmountWord || pendingFloor || pendingBaseline))) {
      const value = tok.t === 'money' ? tok.value : tok.value;
      if (pendingFloor) {
        if (!lastName) return fail(['parties'], `“保底 ${tok.raw}”前面没有写是哪一方的保底。`, `“floor ${tok.raw}” does not say whose floor it is.`, '村集体 10% 保底 100万 开发区 90% 收入 800万', 'villages 10% floor 1 million park 90% revenue 8 million', english);
        lastName.floor = value;
        pendingFloor = false;
      } else if (pendingBaseline) {
        baseline = { amount: value, owner: baselineOwnerBefore, raw: tok.raw };
        pendingBaseline = false;
      } else {
        money.push({ t: 'money', value, raw: tok.raw });
      }
      afterAmountWord = false;
      continue;
    }
    if (tok.t === 'ratio') {
      ratios.push(tok);
      continue;
    }
    // a share: belongs to the name just before it, if that name has none yet
    const prev = tokens[k - 1];
    const prevName = prev && prev.t === 'word' ? names.find((n) => n.name === prev.text) : undefined;
    const nameBefore = prevName ?? (prev && prev.t === 'word' && FILLER.test(prev.text) && lastName && !lastName.share && tokens[k - 2]?.t === 'word' ? lastName : undefined);
    if (nameBefore && nameBefore.share && prevName)
      // `甲 60% 甲 40%`: the same name given two shares is two parties sharing one name, not a ratio written twice.
      return fail(['parties'], `“${prevName.name}”出现了两次，每一方请用不同的名字。`, `“${prevName.name}” appears twice; give each party its own name.`, EX.zh, EX.en, english);
    if (nameBefore && !nameBefore.share) nameBefore.share = tok;
    else looseShares.push(tok);
  }

  // ----- revenue -----
  if (money.length === 0 && !ratios.length && !looseShares.length && !names.some((n) => n.share))
    return fail(
      ['ratio', 'revenue'],
      '没有找到分成比例和金额。请这样写：衢州 60% 杭州 40% 税收 1000万（或：六四分成 1000万）。',
      'No ratio and no amount found. Type e.g. “Quzhou 60% Hangzhou 40% tax 10 million yuan” or “60/40 of 10 million yuan”.',
      EX.zh,
      EX.en,
      english,
    );
  if (money.length === 0) {
    // say everything that is missing at once
    const withShare = names.filter((n) => n.share);
    const withoutShare = names.filter((n) => !n.share);
    const extra: string[] = [];
    const extraEn: string[] = [];
    const also: Array<'ratio' | 'parties'> = [];
    if (withShare.length === 1 && !ratios.length && !looseShares.length) {
      extra.push(`只写了一方（${withShare[0].name} ${withShare[0].share!.raw}），另一方是谁、占多少？`);
      extraEn.push(`only one party (${withShare[0].name}) is given`);
      also.push('parties');
    } else if (withShare.length && withoutShare.length) {
      extra.push(`${withoutShare.map((n) => n.name).join('、')} 没有写比例。`);
      extraEn.push(`${withoutShare.map((n) => n.name).join(', ')} has no share`);
      also.push('ratio');
    }
    if (also.length)
      return fail(['revenue', ...also], `缺少要分配的金额；另外${extra.join('')}例如：${EX.zh}`, `The amount to split is missing, and ${extraEn.join('; ')}. Example: ${EX.en}`, EX.zh, EX.en, english);
  }
  if (money.length === 0)
    return fail(
      ['revenue'],
      `缺少要分配的金额（如税收、收入多少）。请加上金额，例如：${names.length ? `${s} 1000万` : `${s} 1000万`}`,
      `The amount to split is missing. Add it, e.g. “${s} 10 million yuan”.`,
      `${s} 1000万`,
      `${s} 10 million yuan`,
      english,
    );
  if (money.length > 1)
    return fail(
      ['revenue'],
      `有 ${money.length} 个金额（${money.map((m) => m.raw).join('、')}），不知道分哪一个。请只写一个要分配的总额，保底写成“保底 X”，基数写成“基数 X 归 某方”。`,
      `Found ${money.length} amounts (${money.map((m) => m.raw).join(', ')}); give one total to split (a floor as “floor X”).`,
      '衢州 60% 杭州 40% 税收 1.5亿',
      EX.en,
      english,
    );
  const revenue = money[0];
  notes.push(`金额：${revenue.raw} = ${fmt(revenue.value)} 元`);

  // ----- parties and shares -----
  const named = names.filter((n) => n.share);
  const unnamed = names.filter((n) => !n.share);
  let parties: Array<{ name: string; value: Q; kind: ShareKind | 'idiom'; raw: string; floor?: Q }> = [];

  if (named.length && (ratios.length || looseShares.length)) {
    return fail(['ratio'], `比例写了两遍（${named.map((n) => `${n.name} ${n.share!.raw}`).join('、')} 和 ${[...ratios, ...looseShares].map((r) => r.raw).join('、')}），请只用一种写法。`, 'The ratio is given twice; use one form only.', EX.zh, EX.en, english);
  }
  if (ratios.length > 1) return fail(['ratio'], `有多个比例（${ratios.map((r) => r.raw).join('、')}），请只写一个。`, `Several ratios (${ratios.map((r) => r.raw).join(', ')}); give one.`, '六四分成 1000万', '60/40 of 10 million yuan', english);

  if (named.length) {
    if (unnamed.length)
      return fail(['ratio'], `${unnamed.map((n) => n.name).join('、')} 没有写比例。请给每一方写上比例，例如：${named[0].name} ${named[0].share!.raw} ${unnamed[0].name} …`, `${unnamed.map((n) => n.name).join(', ')} has no share; give every party a share.`, EX.zh, EX.en, english);
    if (named.length < 2)
      return fail(['parties'], `只写了一方（${named[0].name} ${named[0].share!.raw}），另一方是谁、占多少？例如：${named[0].name} ${named[0].share!.raw} 杭州 …`, `Only one party (${named[0].name}); name the other party and its share.`, EX.zh, EX.en, english);
    parties = named.map((n) => ({ name: n.name, value: n.share!.value, kind: n.share!.kind, raw: n.share!.raw, floor: n.floor }));
  } else {
    let values: Q[] | undefined;
    let kind: ShareKind | 'idiom' = 'plain';
    let raw = '';
    if (ratios.length) {
      values = ratios[0].values;
      kind = ratios[0].kind;
      raw = ratios[0].raw;
      if (!values.length) {
        const n = Math.max(unnamed.length, 2);
        values = Array.from({ length: n }, () => Q.ONE);
        notes.push(`“${raw}”：各方等分`);
      }
    } else if (looseShares.length >= 2) {
      const kinds = new Set(looseShares.map((x) => x.kind));
      if (kinds.size > 1) return fail(['ratio'], `比例写法不一致（${looseShares.map((x) => x.raw).join('、')}），请统一用 % 或 成。`, 'Mixed share notations; use one (%).', EX.zh, EX.en, english);
      values = looseShares.map((x) => x.value);
      kind = looseShares[0].kind;
      raw = looseShares.map((x) => x.raw).join(' ');
    } else {
      return fail(
        ['ratio'],
        `缺少分成比例。请写明比例，例如：${names.length >= 2 ? `${names[0].name} 60% ${names[1].name} 40% ${revenue.raw}` : `六四分成 ${revenue.raw}`}（或“${names[0]?.name ?? '衢州'} 6 ${names[1]?.name ?? '杭州'} 4 分 ${revenue.raw}”）。`,
        `The ratio is missing, e.g. “60/40 of ${revenue.raw}”.`,
        `六四分成 ${revenue.raw}`,
        `60/40 of ${revenue.raw}`,
        english,
      );
    }
    if (unnamed.length === 0) {
      const defaults = values.length === 2 ? ['飞出地', '飞入地'] : DEFAULT_MULTI.slice(0, values.length);
      if (values.length > DEFAULT_MULTI.length) return fail(['parties'], `比例有 ${values.length} 项，请写出各方名称。`, 'Too many unnamed parties; name them.', EX.zh, EX.en, english);
      if (values.length === 2 && values[0].cmp(values[1]) === 0) notes.push('未写双方名称：记为 飞出地、飞入地（等分）。');
      else if (values.length === 2)
        notes.push(
          `未写双方名称：按“第一个数字归飞出地（设立飞地、提供项目资金的一方），第二个归飞入地（提供土地的一方）”理解，即 飞出地 ${fmt(values[0])}、飞入地 ${fmt(values[1])}；如果相反，请写“飞入地 ${fmt(values[0])} 飞出地 ${fmt(values[1])}”。`,
        );
      else notes.push(`未写各方名称：按顺序记为 ${defaults.map((d, i) => `${d} ${fmt(values![i])}`).join('、')}。`);
      parties = values.map((v, i) => ({ name: defaults[i], value: v, kind, raw }));
    } else if (unnamed.length === values.length) {
      notes.push(`比例按名称顺序对应（第一个数字归先写的一方）：${unnamed.map((n, i) => `${n.name} ${fmt(values![i])}`).join('、')}`);
      parties = unnamed.map((n, i) => ({ name: n.name, value: values![i], kind, raw, floor: n.floor }));
    } else {
      return fail(
        ['parties'],
        `写了 ${unnamed.length} 个名称（${unnamed.map((n) => n.name).join('、')}），但比例“${raw}”有 ${values.length} 项，对不上。请给每一方写上比例，例如：衢州 60% 杭州 40% ${revenue.raw}`,
        `${unnamed.length} names but the ratio “${raw}” has ${values.length} parts; give each party its share.`,
        EX.zh,
        EX.en,
        english,
      );
    }
  }

  // ----- check totals of % and 成 -----
  const kinds = new Set(parties.map((p) => p.kind));
  if (kinds.size > 1) return fail(['ratio'], '比例写法不一致（混用了 %、成 或纯数字），请统一写法，例如：衢州 60% 杭州 40%。', 'Mixed share notations; use one (e.g. 60% and 40%).', EX.zh, EX.en, english);
  const kind = parties[0].kind;
  const total = sum(parties.map((p) => p.value));
  if (kind === 'percent' && total.cmp(Q.int(100)) !== 0)
    return fail(['ratio'], `百分比合计是 ${fmt(total)}%，不是 100%。请改正比例（例如 60% 和 40%），或者改用不要求合计的写法“衢州 6 杭州 4”。`, `The percentages add up to ${fmt(total)}%, not 100%.`, EX.zh, EX.en, english);
  if (kind === 'cheng' && total.cmp(Q.int(10)) !== 0)
    return fail(['ratio'], `“成”合计是 ${fmt(total)} 成，不是十成。请改正（例如 三成 和 七成）。`, `The tenths add up to ${fmt(total)}, not 10.`, '甲 三成 乙 七成 收入 200万', EX.en, english);
  if (kind === 'cheng') notes.push(`“成”即十分之一：${parties.map((p) => `${p.name} ${fmt(p.value)} 成 = ${fmt(p.value.div(Q.int(10)))}`).join('、')}`);
  if (kind === 'plain' || kind === 'idiom') notes.push(`比例 ${parties.map((p) => fmt(p.value)).join(' : ')}，按合计 ${fmt(total)} 归一化`);

  if (baseline) {
    if (!baseline.owner)
      return fail(['parties'], `基数 ${baseline.raw} 归哪一方？请写“基数 ${baseline.raw} 归 某方”。`, `Whose baseline is ${baseline.raw}?`, '衢州 5 杭州 5 基数 200万 归衢州 收入 1000万', EX.en, english);
    if (!parties.some((p) => p.name === baseline!.owner))
      return fail(['parties'], `基数的归属方“${baseline.owner}”不在参与方（${parties.map((p) => p.name).join('、')}）中。`, `Baseline owner “${baseline.owner}” is not a party.`, '衢州 5 杭州 5 基数 200万 归衢州 收入 1000万', EX.en, english);
  }

  const input: SplitInput = {
    revenue: revenue.value.toNumber(2),
    parties: parties.map((p) => ({
      name: p.name,
      ...(ROLE_NAMES.includes(p.name) ? { role: p.name } : {}),
      share: p.value.toNumber(),
      ...(p.floor ? { floor: p.floor.toNumber(2) } : {}),
    })),
    ...(indicator ? { indicator } : {}),
    ...(baseline ? { baseline: { amount: baseline.amount.toNumber(2), owner: baseline.owner! } } : {}),
  };
  return { ok: true, input, notes };
}

/** Chat text → split result (the parser's assumptions first in the steps); incomplete text → UserError with an example. */
export function splitFromText(text: string): SplitResult {
  const parsed = parseSplitText(text);
  if (!parsed.ok)
    throw new UserError(parsed.message.includes(parsed.example) ? parsed.message : `${parsed.message} ${/[\u4e00-\u9fff]/.test(parsed.message) ? '例如' : 'Example'}: ${parsed.example}`);
  return computeSplit(parsed.input, { notes: parsed.notes });
}
