/**
 * Step 5: from what the sentence says (./grammar) to the calculator's input. Decides the parties,
 * which amount is the total, each phase's shares, floors versus carve-outs, the baseline and the
 * schedule. Where the text leaves a real choice open it returns one short question instead of
 * guessing (衢州拿六成还是四成？); the answers come back as hints.
 */
import { groupDigits, Q, sum, trimDecimal } from '../rational';
import type { SplitInput } from '../split';
import type { Facts, MoneyFact, RatioFact } from './grammar';
import type { SplitHints, SplitQuestion } from './hints';
import type { ShareForm } from './lex';

export type Missing = 'revenue' | 'ratio' | 'parties' | 'years';
export type RolesResult =
  | { ok: true; input: SplitInput; notes: string[] }
  | { ok: false; missing: Missing[]; zh: string; en: string; question?: SplitQuestion };

const fmt = (q: Q) => groupDigits(trimDecimal(q.toFixed(4)));
const fmtMoney = (q: Q) => {
  const v = q.toNumber(2);
  return v >= 1e8 && v % 1e4 === 0 ? `${trimDecimal(q.div(Q.int(1e8)).toFixed(4))}亿` : v >= 1e4 && v % 100 === 0 ? `${trimDecimal(q.div(Q.int(1e4)).toFixed(4))}万` : fmt(q);
};
const COMPLEMENT: Record<string, string> = {
  飞出地: '飞入地', 飞入地: '飞出地', 飞出方: '飞入方', 飞入方: '飞出方', 甲方: '乙方', 乙方: '甲方',
  'sending area': 'receiving area', 'receiving area': 'sending area', 'sending region': 'receiving region', 'receiving region': 'sending region',
  'sending side': 'receiving side', 'receiving side': 'sending side',
};
/** The usual order of a ratio between the two role names: the first number goes to the sending side. */
const FIRST_OF_PAIR = new Set(['飞出地', '飞出方', '甲方', 'sending area', 'sending region', 'sending side']);
/** 飞出地 ↔ 飞入地, Sending area ↔ receiving area (English in any case). */
const complementOf = (n: string): string | undefined => COMPLEMENT[n] ?? COMPLEMENT[n.toLowerCase()];
const ROLE_NAMES = new Set(['飞出地', '飞入地', '起始飞地', '中继飞地', '终端飞地']);
const DEFAULT_MULTI = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛'];
const SCALE: Record<Exclude<ShareForm, 'plain'>, Q> = { pct: Q.int(100), cheng: Q.int(10) };

type Share = { v: Q; form: ShareForm };
const fail = (missing: Missing[], zh: string, en: string, question?: SplitQuestion): RolesResult => ({ ok: false, missing, zh, en, question });

export function buildInput(facts: Facts, hints: SplitHints = {}): RolesResult {
  const notes: string[] = [];
  const aliased = withAliases(facts, notes);
  // 运营公司每年先提5%，剩下的前两年…之后… / 10% off the top, then a glide: a percentage for a party outside the ratios, with
  // what is left split over a schedule, is paid first every year (a percentage carve-out), not a share of one period only
  const offTop = percentsOffTop(aliased);
  const offTopOwners = new Set(offTop.map((x) => x.party));
  const f: Facts = offTop.length ? { ...aliased, shares: aliased.shares.filter((x) => !offTop.includes(x)) } : aliased;

  // ---------- parties ----------
  const used = new Set<string>();
  const addUsed = (n?: string) => n && used.add(n);
  f.shares.forEach((s) => addUsed(s.party));
  offTop.forEach((s) => addUsed(s.party));
  f.ratios.forEach((r) => Array.isArray(r.parties) && r.parties.forEach(addUsed));
  // 丙县占比从 90% 过渡到 60%: the party a glide starts from is a party, whatever its name looks like
  f.ratios.forEach((r) => addUsed(r.lead));
  f.money.forEach((m) => (m.role === 'contrib' || m.role === 'floor' || m.role === 'baseline') && addUsed(m.party));
  hints.order?.forEach(addUsed);
  addUsed(hints.baselineOwner);
  addUsed(f.baselineOwner);
  const parties: string[] = f.mentions.filter((m) => used.has(m.name) || ROLE_NAMES.has(m.name) || complementOf(m.name)).map((m) => m.name);
  for (const n of used) if (!parties.includes(n)) parties.push(n);
  if (hints.other && !parties.includes(hints.other)) parties.push(hints.other);
  const mention = (n: string) => f.mentions.find((m) => m.name === n);
  // names only in prose (衢州在杭州设飞地) join when a ratio has nobody to go to, or 两边 refers to them
  const prose = f.mentions.filter((m) => (m.strong || m.listed) && !parties.includes(m.name)).map((m) => m.name);
  const needsProse = f.ratios.some((r) => r.role !== 'till' && !Array.isArray(r.parties)) || (f.shares.some((s) => !s.party) && parties.length < 2);
  if ((needsProse || parties.length === 1) && prose.length && parties.length < 2) parties.push(...prose.slice(0, 4 - parties.length));
  /** The other role of a pair when the text named only one (飞出地 → 飞入地): nobody said what it gets. */
  let inferredOther: string | undefined;
  // (the operator takes 10% off the top; of the rest the sending area gets 80%: the one party sharing the rest is one of two roles)
  const sharing = parties.filter((n) => !offTopOwners.has(n));
  if (sharing.length === 1 && complementOf(sharing[0])) {
    parties.push((inferredOther = complementOf(sharing[0])!));
    notes.push(`只写了${sharing[0]}：另一方记为${inferredOther}`);
  }

  // ---------- the total ----------
  // 第一年500万第二年600万…: one amount per year, years 1…N each once, is the schedule's revenue by year
  const yearly = f.money.filter((m) => m.year !== undefined).sort((a, b) => a.year! - b.year!);
  if (yearly.length && yearly.some((m, k) => m.year !== k + 1))
    return fail(
      ['revenue'],
      `逐年金额的年份不连贯（${yearly.map((m) => `第${m.year}年`).join('、')}）：请从第1年起每年写一个金额，例如“第一年500万，第二年600万”`,
      `the yearly amounts skip or repeat a year (${yearly.map((m) => `year ${m.year}`).join(', ')}): give one amount for each year from year 1, e.g. “2 million in year 1, 2.5 million in year 2”`,
    );
  const byYear = yearly.length ? yearly.map((m) => m.v) : undefined;
  const revenueFacts = dedupe(f.money.filter((m) => m.role === 'revenue' && m.year === undefined));
  const unknown = dedupe(f.money.filter((m) => m.role === 'unknown'));
  let revenue: MoneyFact | undefined;
  if (hints.revenue !== undefined) revenue = { v: Q.from(hints.revenue), raw: fmtMoney(Q.from(hints.revenue)), role: 'revenue' };
  else {
    // 税收总额800万，园区报表上写的是850万: a bare amount beside the total that is nothing else (not a
    // floor, contribution or baseline, nor one of those said again: 超出 300 万的部分) is another figure for it
    const restated = (m: MoneyFact) => f.money.some((o) => o.role !== 'unknown' && o.role !== 'revenue' && o.v.cmp(m.v) === 0);
    const pool = byYear ? [yearly[0], ...revenueFacts, ...unknown.filter((m) => m.listedWith)] : revenueFacts.length ? dedupe([...revenueFacts, ...unknown.filter((m) => m.listedWith || (!restated(m) && !/^[\d.]+$/.test(m.raw)))]) : unknown;
    if (pool.length > 1) {
      const list = pool.map((m) => m.raw).join('、');
      return fail(
        ['revenue'],
        `有 ${pool.length} 个金额（${list}），要分配的是哪一个？请只写一个总额（保底写成“某方保底 X”，出资写成“某方出资 X”，基数写成“基数 X 归某方”）`,
        `found ${pool.length} amounts (${pool.map((m) => m.raw).join(', ')}): which one is split? Give one total (a floor as “X has a floor of …”, a contribution as “X invests …”)`,
        {
          kind: 'two_totals',
          zh: `要分的是哪一笔：${pool.map((m) => m.raw).join(' 还是 ')}？`,
          en: `Which amount is split: ${pool.map((m) => m.raw).join(' or ')}?`,
          options: pool.slice(0, 4).map((m) => ({ zh: m.raw, en: m.raw, hints: { revenue: m.v.toNumber(2) } })),
        },
      );
    }
    revenue = pool[0];
  }
  if (revenue && revenue.v.gt(Q.from(1e15))) return fail(['revenue'], `金额 ${revenue.raw} 太大，无法计算：请检查金额`, `the amount ${revenue.raw} is too large: check it`);

  // ---------- contributions ----------
  const contribs = f.money.filter((m) => m.role === 'contrib' && m.party);
  const contribMode = contribs.length >= 1 && (f.byContrib || (!f.shares.length && !f.ratios.length));
  // 按出资比例分…杭州也出了地: a contribution without its value cannot be counted as nothing
  // 按出资比例分，A公司出资2000万，B公司也有份: a party in a contribution split with no contribution at all is asked about too
  const floorOwners = new Set(f.money.filter((m) => m.role === 'floor' && m.party).map((m) => m.party!));
  // 管委会先提10%作管理费，剩下的按出资分: in a split by contributions, a percentage said for a party that put nothing in
  // is paid first, off the top (a percentage carve-out); the contributors split what is left
  const percentOffTop = contribMode ? f.shares.filter((x) => x.party && x.v !== undefined && x.form !== 'plain' && x.phase === 0 && !contribs.some((m) => m.party === x.party)) : [];
  for (const x of percentOffTop) floorOwners.add(x.party);
  // (a share said for nobody in a split by contributions is not dropped: whose is it?)
  // (split the remaining 90% by what they invested: a share of what is left restates the remainder)
  const looseInContrib = contribMode ? f.shares.find((x) => !x.party && x.v !== undefined && !x.rest) : undefined;
  if (looseInContrib) return fail(['parties'], `“${looseInContrib.raw}”是哪一方的？按出资比例分时，先提取的比例请写成“平台公司先提 ${looseInContrib.raw}”`, `whose is ${looseInContrib.raw}? In a split by contributions, a share taken first reads e.g. “the platform company takes ${looseInContrib.raw} off the top”`);
  const uncounted = contribMode && f.byContrib ? parties.find((n) => !contribs.some((m) => m.party === n) && !floorOwners.has(n) && n !== f.baselineOwner) : undefined;
  const unvalued = contribMode ? (f.contribWithoutAmount.find((c) => !contribs.some((m) => m.party === c.party)) ?? (uncounted ? { party: uncounted, cue: '出资' } : undefined)) : undefined;
  if (unvalued)
    return fail(
      ['ratio'],
      `缺少${unvalued.party}${unvalued.cue}的金额：按出资比例分需要每一方的出资额，例如“${unvalued.party}${/地/.test(unvalued.cue) ? '出地折价' : '出资'} 2000万”`,
      `${unvalued.party} contributes (${unvalued.cue}) but no amount is given: write e.g. “${unvalued.party} contributes land valued at 20 million”`,
    );

  // ---------- floors and carve-outs ----------
  const floors = f.money.filter((m) => m.role === 'floor');
  // 村集体保底，剩下的…分: a floor said without its amount cannot be computed as nothing
  const unfloored = f.floorWithoutAmount.find((c) => !floors.some((m) => m.party === c.party));
  if (unfloored)
    return fail(
      ['revenue'],
      `${unfloored.party}${unfloored.cue}多少？没有写${unfloored.cue}金额：请加上，例如“${unfloored.party}${unfloored.cue}100万”`,
      `how much is ${unfloored.party}'s ${unfloored.cue === '保底' ? 'floor' : 'fixed amount'}? Add it, e.g. “${unfloored.party} is guaranteed 1 million”`,
    );
  const sharedParties = new Set<string>();
  f.shares.forEach((s) => s.party && sharedParties.add(s.party));
  f.ratios.forEach((r) => Array.isArray(r.parties) && r.parties.forEach((p) => sharedParties.add(p)));
  // "The sending area gets 60%, but the receiving area is guaranteed at least 5 million": the party without a
  // share takes the rest, with a floor; only when the others' shares are complete is it paid first (a carve-out)
  const explicit0 = f.shares.filter((x) => x.phase === 0 && x.party && x.v !== undefined && x.form !== 'plain');
  const incomplete = !f.ratios.length && explicit0.length > 0 && !f.shares.some((x) => x.v === undefined) && sum(explicit0.map((x) => (x.form === 'cheng' ? x.v!.mul(Q.int(10)) : x.v!))).lt(Q.int(100));
  // 飞入地保底300万，余下按飞出地70%飞入地30%分 (its share is of what is left: paid first) versus 村集体、运营公司、镇里按2:5:3分，
  // 村集体保底150万，其余两家按比例分剩下的 / the village gets 20% but is guaranteed at least 2.5 million, the rest to the
  // company (its share is of the whole: a floor, topped up from the others by their shares only when the share is below it)
  const shareOfRestOnly = (n: string) => f.shares.filter((x) => x.party === n && x.v !== undefined).every((x) => x.rest) && f.ratios.filter((r) => Array.isArray(r.parties) && r.parties.includes(n)).every((r) => r.rest);
  // (70-30 in favor of the sending area, but the receiving area is guaranteed at least 5 million: a two-part ratio whose
  // parties are not listed, beside one other party named, is theirs — the floor's party holds the other part)
  const pairRatio = f.ratios.some((r) => r.role === 'main' && !Array.isArray(r.parties) && r.parties !== 'all' && r.vs?.length === 2);
  const inPair = (m: MoneyFact) => pairRatio && !m.restAfter && !!m.party && parties.includes(m.party) && !f.shares.some((x) => x.v !== undefined) && parties.filter((n) => n !== m.party && !offTopOwners.has(n)).length === 1 && !floors.some((o) => o !== m && o.party);
  const carve = floors.filter((m) => m.party && (!sharedParties.has(m.party) || (m.restAfter && shareOfRestOnly(m.party))) && !contribMode && (f.ratios.length || f.shares.length) && !(incomplete && !m.restAfter && !sharedParties.has(m.party)) && !inPair(m));
  const carveOwners = new Set([...carve.map((m) => m.party!), ...offTopOwners]);
  for (const fl of floors) if (!fl.party) return fail(['parties'], `“保底 ${fl.raw}”是哪一方的保底？请写成“某方保底 ${fl.raw}”`, `whose floor is ${fl.raw}? Write e.g. “the village collective has a floor of ${fl.raw}”`);

  if (f.growth)
    return fail(['revenue'], `收入按“${f.growth}”逐年变化，本工具不推算增长：请写出每年的金额，例如“第一年1000万，第二年1100万，第三年1210万”`, `the revenue grows (“${f.growth}”), which is not projected here: give each year's amount, e.g. “year 1 10 million, year 2 11 million, year 3 12.1 million”`);
  if (f.vagueLater)
    return fail(
      ['ratio'],
      `后一段的比例没有写数（只说了“${f.vagueLater}”）：之后各方拿多少、共算几年？请写明，例如“前三年飞出地拿三成，之后拿五成，算6年”`,
      `the share after the first period is not given (only “${f.vagueLater}”): how much is it, and over how many years? e.g. “30% for the first 3 years, then 50%, over 6 years”`,
    );
  if (f.undecided)
    return fail(['ratio'], '有一部分比例还没定，无法计算：请写明每一段的比例，例如“前三年飞出地拿八成，之后六四分”', 'part of the ratio is not decided yet: give every period its ratio, e.g. “90/10 for the first 3 years, then 60/40”');

  // ---------- shares, phase by phase ----------
  let order: string[] | undefined = hints.order;
  // 飞出地为衢州，飞入地为杭州: a bare ratio goes sending side first, as between the role names
  const sending = ['飞出地', '飞出方', 'sending area'].map((k) => facts.aliases[k]).find(Boolean);
  const receiving = ['飞入地', '飞入方', 'receiving area'].map((k) => facts.aliases[k]).find(Boolean);
  if (!order && sending && receiving) order = [sending, receiving];

  const phaseShares: Array<Map<string, Share>> = [];
  if (!contribMode) {
    for (let p = 0; p < f.phases.length; p++) {
      const r = phaseMap(p);
      if ('fail' in r) return r.fail;
      phaseShares.push(r.map);
    }
    // a phase that says nothing (前四年…之后… with nothing after) is not a phase
    while (phaseShares.length > 1 && phaseShares[phaseShares.length - 1].size === 0) phaseShares.pop();
  }
  // falls by 5 points each year from 80% over 4 years: a glide's start and its yearly step, no target — the start is the first year's ratio
  const startOfStep = f.glideStep ? f.ratios.find((r) => r.role === 'from') : undefined;
  let stepFromStart = false;
  if (!contribMode && startOfStep && !f.ratios.some((r) => r.role === 'till') && phaseShares.every((m) => m.size === 0)) {
    const a = assignRatio(startOfStep, parties.filter((n) => !carveOwners.has(n)));
    if ('fail' in a) return a.fail;
    phaseShares.splice(0, phaseShares.length, a.map);
    stepFromStart = true;
  }

  if (!contribMode && phaseShares.every((m) => m.size === 0)) {
    if (parties.length < 2 && !revenue)
      return fail(['ratio', 'revenue'], '没有找到分成比例和金额。请这样写：衢州 60% 杭州 40% 税收 1000万（或：六四分成 1000万）', 'no ratio and no amount found. Type e.g. “Quzhou 60% Hangzhou 40% tax 10 million yuan” or “60/40 of 10 million yuan”');
    return fail(
      ['ratio'],
      `缺少分成比例：请写明各方比例，例如“${parties[0] ?? '衢州'} 60% ${parties[1] ?? '杭州'} 40%”或“六四分成”${contribs.length ? '，或写“按出资比例分”' : ''}`,
      `the ratio is missing: give each party's share, e.g. “${parties[0] ?? 'Quzhou'} 60% ${parties[1] ?? 'Hangzhou'} 40%” or “60/40”`,
    );
  }
  const allNames = contribMode ? uniq([...parties.filter((n) => contribs.some((c) => c.party === n) || f.mentions.find((m) => m.name === n)?.strong || percentOffTop.some((x) => x.party === n)), ...contribs.map((c) => c.party!)]) : uniq([...parties.filter((n) => phaseShares.some((m) => m.has(n)) || carveOwners.has(n)), ...phaseShares.flatMap((m) => [...m.keys()])]);
  if (allNames.length < 2) {
    const only = allNames[0];
    return fail(
      ['parties'],
      only ? `只写了一方（${only}），另一方是谁？例如：${only} 60% 杭州 40%` : '没有写出参与分成的各方：例如“衢州 60% 杭州 40%”',
      only ? `only one party (${only}) is named: who is the other?` : 'no parties named: e.g. “Quzhou 60% Hangzhou 40%”',
      only ? { kind: 'other_party', zh: `另一方是谁？（${only}以外的一方，直接回复名称）`, en: `Who is the other party besides ${only}? (reply with its name)`, options: [], typed: 'name' } : undefined,
    );
  }
  if (!revenue) {
    return fail(['revenue'], `缺少要分配的金额（如税收、收益多少）：请加上总额`, 'the amount to split is missing: add the total', {
      kind: 'revenue',
      zh: '要分的总额是多少？（例如 1000万）',
      en: 'What is the total to split? (e.g. 10 million)',
      options: [],
      typed: 'amount',
    });
  }

  // ---------- baseline ----------
  let baseline: SplitInput['baseline'];
  const base = f.money.find((m) => m.role === 'baseline');
  if (base) {
    const owner = base.party && allNames.includes(base.party) ? base.party : f.baselineOwner && allNames.includes(f.baselineOwner) ? f.baselineOwner : hints.baselineOwner;
    if (!owner)
      return fail(['parties'], `基数 ${base.raw} 归哪一方？请写“基数 ${base.raw} 归${allNames[0]}”`, `who keeps the baseline of ${base.raw}? Write e.g. “baseline ${base.raw} to ${allNames[0]}”`, {
        kind: 'baseline_owner',
        zh: `基数 ${base.raw} 归哪一方？`,
        en: `Who keeps the baseline of ${base.raw}?`,
        options: allNames.slice(0, 4).map((n) => ({ zh: n, en: n, hints: { baselineOwner: n } })),
      });
    baseline = { amount: base.v.toNumber(2), owner };
  }

  // ---------- schedule ----------
  const input: SplitInput = {
    revenue: revenue.v.toNumber(2),
    parties: allNames.map((name) => ({ name, ...(ROLE_NAMES.has(name) ? { role: name } : {}) })),
    ...(f.indicator ? { indicator: f.indicator } : {}),
  };
  notes.unshift(`金额：${revenue.raw} = ${fmt(revenue.v)} 元${f.perYear ? '（每年）' : ''}`);
  if (contribMode) {
    for (const c of contribs) {
      const p = input.parties.find((x) => x.name === c.party)!;
      p.contributions = { 出资: Q.from(p.contributions?.['出资'] ?? 0).add(c.v).toNumber(2) };
    }
    notes.push(`按出资分：${contribs.map((c) => `${c.party} ${c.cue ?? '出资'} ${c.raw}`).join('，')}（折价与出资都按金额计，合为一项）`);
  }
  for (const fl of floors) {
    if (carveOwners.has(fl.party!)) continue;
    const owner = input.parties.find((x) => x.name === fl.party);
    // (a floor for a party that takes no part in the split cannot be honoured: say so rather than drop it)
    if (!owner) return fail(['parties'], `“${fl.party}”有保底 ${fl.raw}，但没有参与分成：请写出它的份额，例如“${fl.party} 30%”`, `${fl.party} has a floor of ${fl.raw} but no share: give its share, e.g. “${fl.party} 30%”`);
    owner.floor = fl.v.toNumber(2);
  }
  if (carve.length) {
    input.carveOut = carve.map((m) => ({ owner: m.party!, amount: m.v.toNumber(2) }));
    notes.push(`${carve.map((m) => `${m.party} ${m.raw}`).join('、')} 先行拨付（保底），其余各方再分剩下的部分`);
  }
  if (percentOffTop.length || offTop.length) {
    input.carveOut = [...(input.carveOut ?? []), ...[...offTop, ...percentOffTop].map((x) => ({ owner: x.party, percent: (x.form === 'cheng' ? x.v!.mul(Q.int(10)) : x.v!).toNumber() }))];
    notes.push(`${[...offTop, ...percentOffTop].map((x) => `${x.party} ${x.raw}`).join('、')} 先从总额中提取，其余${percentOffTop.length ? '按出资比例分' : '按比例分'}`);
  }
  if (baseline) input.baseline = baseline;

  const years = hints.years ?? f.span ?? byYear?.length;
  const fromRatio = f.ratios.find((r) => r.role === 'from');
  // 缓冲期4年，飞出地第1年75%、第4年45%，中间均匀过渡: the ratios of the buffer's first and last year are a glide's ends
  const ends = f.buffer && f.buffer >= 2 && !fromRatio && phaseShares.length === 2 && f.phases[0].start === 1 && f.phases[1].start === f.buffer && !f.phases[1].onward;
  if (!contribMode && ends) {
    for (const p of input.parties) delete p.share;
    const n = f.buffer!;
    input.phases = glidePhases(allNames, phaseShares[0], phaseShares[1], n, years && years > n ? years - n : 0);
    notes.push(`缓冲期 ${n} 年：第 1 年与第 ${n} 年的比例已给出，其间每年等差过渡`);
    if (years && years > n) notes.push(`算 ${years} 年：第 ${n + 1} 年起按第 ${n} 年的比例`);
  } else if (!contribMode && f.glideStep && !fromRatio && phaseShares.length === 2 && !f.phases[1].years) {
    // 飞出地第一年九成 以后每年降一成 降到六成为止: a share, then a step each year to a later share — a glide between the two
    const [start, end] = phaseShares;
    const lead = f.shares.find((x) => x.phase === 0 && x.party && x.v !== undefined)?.party;
    const n = glideYearsByStep(f.glideStep, lead, sum([...start.values()].map((x) => x.v)), start, end);
    if (n === undefined || n < 2)
      return fail(['years'], `每年变 ${f.glideStep.raw} 不能从前一个比例整步走到后一个：请写明缓冲期几年，例如“缓冲期4年”`, `moving by ${f.glideStep.raw} a year does not reach the later share in whole years: say how many years the transition takes`);
    for (const p of input.parties) delete p.share;
    // 前两年飞出地拿九成，之后每年少一成，直到六成: the start holds for its period, the steps begin after it
    const held = (f.phases[0].years ?? 1) - 1;
    const shareOf = (m: Map<string, Share>) => Object.fromEntries(allNames.map((k) => [k, (m.get(k)?.v ?? Q.ZERO).toNumber()]));
    input.phases = [...(held > 0 ? [{ years: held, shares: shareOf(start) }] : []), ...glidePhases(allNames, start, end, n, years && years > n + held ? years - n - held : 0)];
    notes.push(`每年变 ${f.glideStep.raw}：${held > 0 ? `前 ${held + 1} 年按起始比例，` : ''}从起始比例到目标比例共 ${n} 年（首尾各算一年）`);
    if (years && years > n) notes.push(`算 ${years} 年：第 ${n + 1} 年起按目标比例`);
  } else if (!contribMode && f.glideStep && (!fromRatio || stepFromStart) && phaseShares.length === 1 && (f.buffer ?? years ?? 0) >= 2) {
    // 缓冲期5年，飞出地第一年拿九成，以后每年降5个百分点: a start, a yearly step and a length — the target is where the steps end
    const start = phaseShares[0];
    const n = (f.buffer ?? years)!;
    const lead = f.shares.find((x) => x.phase === 0 && x.party && x.v !== undefined && start.has(x.party))?.party ?? [...start.keys()][0];
    const total = sum([...start.values()].map((x) => x.v));
    const a = start.get(lead)!.v.div(total);
    const step = f.glideStep.v.div(f.glideStep.form === 'plain' ? total : SCALE[f.glideStep.form]);
    const end = f.glideStep.dir > 0 ? a.add(step.mul(Q.int(n - 1))) : a.sub(step.mul(Q.int(n - 1)));
    if (end.lt(Q.ZERO) || end.gt(Q.ONE) || start.size < 2)
      return fail(['ratio'], `从第 1 年起每年变 ${f.glideStep.raw}，${n} 年后超出了 0–100%：请核对年数或每年的幅度`, `moving by ${f.glideStep.raw} a year for ${n} years goes beyond 0–100%: check the years or the step`);
    const rest = Q.ONE.sub(a);
    const target = new Map<string, Share>([...start].map(([k, x]) => [k, { v: k === lead ? end : rest.isZero() ? Q.ZERO : Q.ONE.sub(end).mul(x.v.div(total)).div(rest), form: 'plain' as const }]));
    for (const p of input.parties) delete p.share;
    input.phases = glidePhases(allNames, start, target, n, years && years > n ? years - n : 0);
    notes.push(`缓冲期 ${n} 年：${lead} 第 1 年 ${fmt(a.mul(Q.int(100)))}%，每年${f.glideStep.dir > 0 ? '加' : '减'} ${f.glideStep.raw}，第 ${n} 年 ${fmt(end.mul(Q.int(100)))}%`);
    if (years && years > n) notes.push(`算 ${years} 年：第 ${n + 1} 年起按第 ${n} 年的比例`);
  } else if (!contribMode && f.glideStep && !fromRatio) {
    return fail(['ratio'], `“每年变 ${f.glideStep.raw}”是从什么比例变到什么比例？请写成“飞出地从七成过渡到四成，每年降一成”`, `a step of ${f.glideStep.raw} a year from which ratio to which? Write e.g. “the sending area goes from 70% to 40%, down 10 points a year”`);
  } else if (!contribMode && !stepFromStart && (fromRatio || (f.buffer && phaseShares.length < 2))) {
    // 缓冲期两年，第一年九一，第二年起六四: a buffer spelled out year by year is phases, not a glide
    const target = phaseShares[phaseShares.length - 1];
    if (!fromRatio) return fail(['ratio'], `缓冲期从什么比例开始？请写“缓冲期${f.buffer}年从九一过渡到六四”`, `the buffer period has no starting ratio: write e.g. “a ${f.buffer}-year transition from 90/10 to 60/40”`);
    const from = assignRatio(fromRatio, allNames.filter((n) => target.has(n)));
    if ('fail' in from) return from.fail;
    // 从七成过渡到四成，每年降一成: the step says how many years the glide takes (and must agree with a length said)
    const stepped = f.glideStep ? glideYearsByStep(f.glideStep, fromRatio.lead, sum(fromRatio.vs ?? []), from.map, target) : undefined;
    if (f.glideStep && stepped === undefined)
      return fail(['years'], `从 ${fromRatio.raw} 到目标比例，每年变 ${f.glideStep.raw} 不能整步走到：请写明缓冲期几年，例如“缓冲期4年”`, `moving by ${f.glideStep.raw} a year does not reach the target in whole years: say how many years the transition takes`);
    if (stepped !== undefined && f.buffer !== undefined && stepped !== f.buffer)
      return fail(['years'], `缓冲期 ${f.buffer} 年，但从 ${fromRatio.raw} 每年变 ${f.glideStep!.raw} 要 ${stepped} 年才到目标比例：请核对年数或每年的幅度`, `a ${f.buffer}-year transition, but moving by ${f.glideStep!.raw} a year from ${fromRatio.raw} takes ${stepped} years to reach the target: check one of them`);
    if (stepped !== undefined) notes.push(`每年变 ${f.glideStep!.raw}：从 ${fromRatio.raw} 到目标比例共 ${stepped} 年（首尾各算一年）`);
    const n = f.buffer ?? stepped ?? (years && f.span === years ? years : undefined);
    if (!n) return fail(['years'], '缓冲期几年？请写“缓冲期3年从九一过渡到六四”', 'how many years does the transition take? e.g. “a 3-year transition from 90/10 to 60/40”');
    if (n === 1) {
      // a one-year buffer has no room for both ends: the calculator's glide (that year at the target)
      setShares(input, target);
      input.transition = { years: n, from: Object.fromEntries([...from.map].map(([k, s]) => [k, s.v.toNumber()])) };
      notes.push(`缓冲期 1 年：从 ${fromRatio.raw} 过渡到目标比例`);
    } else {
      // 缓冲期3年从八二过渡到五五 reads as officials write it: year 1 at the starting ratio, year N at
      // the target, equal steps between (80/20, 65/35, 50/50). The calculator's `transition` starts one
      // step in (year 1 already moved), so the sentence maps to phases, one per glide year.
      for (const p of input.parties) delete p.share;
      input.phases = glidePhases(allNames, from.map, target, n, years && years > n ? years - n : 0);
      notes.push(`缓冲期 ${n} 年：第 1 年按 ${fromRatio.raw}，第 ${n} 年到目标比例，其间每年等差过渡`);
      if (years && years > n) notes.push(`算 ${years} 年：第 ${n + 1} 年起按目标比例`);
    }
  } else if (!contribMode && phaseShares.length > 1) {
    const given = f.phases.slice(0, phaseShares.length).map((p) => p.years);
    const lastIdx = given.length - 1;
    for (let k = 0; k < lastIdx; k++) if (given[k] === undefined) return fail(['years'], `第 ${k + 1} 段比例适用几年？请写“前${k === 0 ? '三' : 'N'}年……之后……”`, `how many years does period ${k + 1} last? e.g. “for the first 3 years …, then …”`);
    const before = given.slice(0, lastIdx).reduce((a: number, b) => a + (b ?? 0), 0);
    let last = given[lastIdx];
    // 缓冲期三年 第一年九成 第二年八成 第三年七成: a last year said inside the buffer runs to the buffer's end
    const lastStart = f.phases[lastIdx]?.start;
    if (last === undefined && !years && f.buffer !== undefined && lastStart !== undefined && lastStart === before + 1 && lastStart <= f.buffer) last = f.buffer - before;
    if (last === undefined) {
      if (!years)
        return fail(['years'], `之后的比例算几年？请加上“算${before + 2}年”（共几年）`, `how many years in total? add e.g. “over ${before + 2} years”`, {
          kind: 'years',
          zh: `一共算几年？`,
          en: 'How many years in total?',
          options: [before + 1, before + 2, before + 6, before + 16].map((y) => ({ zh: `${y}年`, en: `${y} years`, hints: { years: y } })),
          typed: 'years',
        });
      if (years <= before) return fail(['years'], `一共算 ${years} 年，但前面的阶段已有 ${before} 年：请把总年数写大于 ${before}`, `${years} years in total, but the earlier periods already take ${before}`);
      last = years - before;
    }
    input.phases = phaseShares.map((m, k) => ({ years: k === lastIdx ? last! : given[k]!, shares: Object.fromEntries([...m].map(([n, s]) => [n, s.v.toNumber()])) }));
    if (f.perYear || years) notes.push(`分阶段：${input.phases.map((p) => `${p.years} 年`).join(' → ')}${byYear ? '' : `，每年 ${revenue.raw}`}`);
  } else if (!contribMode) {
    setShares(input, phaseShares[0]);
    const span = years ?? (f.phases[0].years && f.phased ? f.phases[0].years : undefined);
    if (span && span >= 2) {
      input.revenueByYear = Array.from({ length: span }, () => input.revenue);
      notes.push(byYear ? `算 ${span} 年，比例不变` : `算 ${span} 年：每年 ${revenue.raw}，比例不变`);
    }
  } else if (years && years >= 2) {
    input.revenueByYear = Array.from({ length: years }, () => input.revenue);
  }
  if (byYear) {
    const scheduled = input.phases?.reduce((a, ph) => a + ph.years, 0) ?? input.transition?.years ?? input.revenueByYear?.length ?? byYear.length;
    if (scheduled !== byYear.length)
      return fail(['years'], `写了 ${byYear.length} 年的金额，但分成安排是 ${scheduled} 年：请每年写一个金额，或写明共算几年`, `${byYear.length} yearly amounts for a ${scheduled}-year schedule: give one amount for each year`);
    input.revenueByYear = byYear.map((v) => v.toNumber(2));
    notes.push(`逐年金额：${yearly.map((m) => `第${m.year}年 ${m.raw}`).join('，')}`);
    if (f.projected) notes.push(`第2年起的金额按“${f.projected}”逐年累加`);
  }
  if (baseline && !allNames.includes(baseline.owner)) return fail(['parties'], `基数的归属方“${baseline.owner}”不在参与方（${allNames.join('、')}）中`, `the baseline owner “${baseline.owner}” is not one of the parties`);
  return { ok: true, input, notes };

  // ---------- helpers (closures over the facts) ----------
  function phaseMap(p: number): { map: Map<string, Share> } | { fail: RolesResult } {
    const map = new Map<string, Share>();
    const shares = f.shares.filter((s) => s.phase === p);
    const ratios = f.ratios.filter((r) => r.phase === p && (r.role === 'main' || r.role === 'till'));
    const named = shares.filter((s) => s.party && s.v !== undefined);
    const rests = shares.filter((s) => s.party && s.v === undefined);
    const loose = shares.filter((s) => !s.party && s.v !== undefined);
    for (const s of named) {
      if (map.has(s.party))
        return { fail: fail(['parties'], `“${s.party}”出现了两次，每一方请用不同的名字`, `“${s.party}” appears twice; give each party its own name`) };
      if (s.delta) {
        // 前三年飞出地拿三成，之后多拿两成: the change from the party's share in the period before (三成 + 两成 = 五成)
        const before = phaseShares[p - 1]?.get(s.party);
        const scale = s.form === 'plain' ? undefined : SCALE[s.form];
        const was = before && scale && before.form !== 'plain' ? before.v.mul(scale).div(SCALE[before.form]) : undefined;
        const now = was && scale ? (s.delta > 0 ? was.add(s.v!) : was.sub(s.v!)) : undefined;
        if (!now || !scale || now.lt(Q.ZERO) || now.gt(scale))
          return { fail: fail(['ratio'], `“${s.raw}”是比前一段多（少）的部分，但前一段${s.party}的比例不清楚：请直接写之后拿几成，例如“之后${s.party}拿五成”`, `“${s.raw}” more or less than before, but ${s.party}'s earlier share is not clear: give the later share itself, e.g. “then ${s.party} gets 50%”`) };
        notes.push(`第 ${p + 1} 段：${s.party} ${s.delta > 0 ? '多' : '少'}拿 ${s.raw}：${fmt(was!)} ${s.delta > 0 ? '+' : '−'} ${fmt(s.v!)} = ${fmt(now)}${s.form === 'pct' ? '%' : ' 成'}`);
        map.set(s.party, { v: now, form: s.form });
        continue;
      }
      map.set(s.party, { v: s.v!, form: s.form });
    }
    // a ratio written as loose shares (60% 40%) is a ratio
    if (loose.length >= 2 && !ratios.length) ratios.push({ vs: loose.map((s) => s.v!), form: loose[0].form, phase: p, rest: false, role: 'main', raw: loose.map((s) => s.raw).join(' ') });
    else if (loose.length === 1 && !named.length) {
      // one loose share (七成给…?) with nothing to attach to
      return { fail: fail(['parties'], `“${loose[0].raw}”是哪一方的？请写成“衢州 ${loose[0].raw}”`, `whose share is ${loose[0].raw}? Write e.g. “Quzhou ${loose[0].raw}”`) };
    }
    for (const said of ratios) {
      const r = restated(said, map);
      let free = parties.filter((n) => !map.has(n) && !carveOwners.has(n) && !rests.some((x) => x.party === n));
      if (r.parties === 'all') {
        // 飞入地先拿 200 万，剩下的两边五五分: "both sides" include the party paid first when it is one of the two
        const withCarved = parties.filter((n) => !map.has(n) && !rests.some((x) => x.party === n));
        const need = r.vs?.length ?? 2;
        if (free.length !== need && !(r.vs === null && free.length >= 2) && withCarved.length === need) free = withCarved;
      }
      // 第5年起五五，剩下的都给丽水 / 从80%降到60%，飞入地拿剩下的: a ratio that no fixed share comes before
      // covers the whole, so the party said to take "the rest" holds one of its parts
      const need = r.vs?.length ?? 2;
      if (!Array.isArray(r.parties) && r.parties !== 'all' && free.length < need && !map.size) {
        const withRest = parties.filter((n) => !carveOwners.has(n));
        if (r.vs ? withRest.length === need : withRest.length >= need) free = withRest;
      }
      // 按四六分，飞入地拿六，飞出地拿四: a bare ratio beside shares already given to everyone restates them
      if (!free.length && !Array.isArray(r.parties) && r.parties !== 'all' && map.size >= 2) continue;
      // 两边三七开…飞出地拿三: the ratio restates a share given by name; the rest goes to the other party below
      if (!Array.isArray(r.parties) && r.vs && map.size >= 1 && free.length < r.vs.length && [...map.values()].every((x) => r.vs!.some((v) => v.cmp(x.v) === 0))) continue;
      const a = assignRatio(r, free, p);
      if ('fail' in a) return a;
      // 村集体拿 10%，其余两地五五分: a plain ratio beside fixed % or 成 shares splits what they leave
      const fixed = [...map.values()].filter((s) => s.form !== 'plain');
      const parts = [...a.map.values()];
      if (fixed.length && parts.length && parts.every((s) => s.form === 'plain') && fixed.every((s) => s.form === fixed[0].form)) {
        const form = fixed[0].form as Exclude<ShareForm, 'plain'>;
        const left = SCALE[form].sub(sum(fixed.map((s) => s.v)));
        const whole = sum(parts.map((s) => s.v));
        if (left.gt(Q.ZERO) && whole.gt(Q.ZERO)) {
          for (const [k, v] of a.map) a.map.set(k, { v: left.mul(v.v).div(whole), form });
          notes.push(`比例 ${r.raw} 分的是其余的 ${fmt(left)}${form === 'pct' ? '%' : ' 成'}：${[...a.map].map(([k, v]) => `${k} ${fmt(v.v)}`).join('、')}`);
        }
      }
      for (const [k, v] of a.map) map.set(k, v);
    }
    // parties given their shares one by one in an earlier phase settle the order of a later bare ratio
    if (named.length >= 2 && !order) order = named.map((s) => s.party);
    // 投资人先拿20%，余下由甲村乙村按人口比例分，甲村人口600，乙村人口400: parts said as plain numbers beside fixed % or 成
    // shares split what those leave (as a plain ratio beside them does, above)
    const fixedShares = [...map.values()].filter((s) => s.form !== 'plain');
    const plainParts = [...map].filter(([, s]) => s.form === 'plain');
    if (fixedShares.length && plainParts.length && fixedShares.every((s) => s.form === fixedShares[0].form)) {
      const form = fixedShares[0].form as Exclude<ShareForm, 'plain'>;
      const left = SCALE[form].sub(sum(fixedShares.map((s) => s.v)));
      const whole = sum(plainParts.map(([, s]) => s.v));
      if (left.gt(Q.ZERO) && whole.gt(Q.ZERO)) {
        for (const [k, s] of plainParts) map.set(k, { v: left.mul(s.v).div(whole), form });
        notes.push(`${plainParts.map(([k, s]) => `${k} ${fmt(s.v)}`).join('、')} 分的是其余的 ${fmt(left)}${form === 'pct' ? '%' : ' 成'}`);
      }
    }
    // the rest: 其余归 Y, or the one party left when shares are in % or 成
    const forms = new Set([...map.values()].map((s) => s.form));
    const form = forms.size === 1 ? [...forms][0] : forms.has('pct') ? 'pct' : 'cheng';
    const total = form === 'plain' ? undefined : SCALE[form];
    const scaled = [...map.values()].map((s) => (s.form === form || form === 'plain' ? s.v : s.form === 'cheng' ? s.v.mul(Q.int(10)) : s.v.div(Q.int(10))));
    const given = sum(scaled);
    const restOwners = rests.map((r) => r.party).filter((n) => !map.has(n));
    const leftover = parties.filter((n) => !map.has(n) && !carveOwners.has(n) && !restOwners.includes(n));
    // 飞入地拿固定200万，其余全部归飞出地: with amounts paid first and no share said, the one party the rest goes to takes it all
    if (!map.size && !ratios.length && carveOwners.size && new Set(restOwners).size === 1 && !leftover.length) {
      map.set(restOwners[0], { v: Q.int(100), form: 'pct' });
      notes.push(`${restOwners[0]} 得其余全部`);
    }
    if (map.size && (restOwners.length || leftover.length === 1)) {
      const who = restOwners.length ? restOwners : leftover;
      if (who.length === 1) {
        const scale = total ?? (given.lt(Q.int(10)) ? Q.int(10) : Q.int(100));
        if (given.gt(scale) || (given.cmp(scale) === 0 && !restOwners.length)) {
          // shares already complete: the leftover party is not part of this split
        } else {
          map.set(who[0], { v: scale.sub(given), form: form === 'plain' ? 'plain' : form });
          notes.push(`${p > 0 || f.phased ? `第 ${p + 1} 段：` : ''}${who[0]} 得其余部分：${fmt(scale)} − ${fmt(given)} = ${fmt(scale.sub(given))}${form === 'pct' ? '%' : form === 'cheng' ? ' 成' : ''}`);
        }
      }
    }
    if (map.size === 1 && parties.length === 1 && !carveOwners.size) {
      const only = [...map.keys()][0];
      return {
        fail: fail(['parties'], `只写了一方（${only}），另一方是谁？例如：${only} 60% 杭州 40%`, `only one party (${only}) is named: who is the other?`, {
          kind: 'other_party',
          zh: `除${only}外，另一方是谁？（直接回复名称）`,
          en: `Who is the other party besides ${only}? (reply with its name)`,
          options: [],
          typed: 'name',
        }),
      };
    }
    // mixed % and 成 on one scale
    if (forms.size > 1) for (const [k, s] of map) if (s.form !== form) map.set(k, { v: s.form === 'cheng' ? s.v.mul(Q.int(10)) : s.v.div(Q.int(10)), form });
    const check = checkTotal(map, p);
    if (check) return { fail: check };
    // 村集体保底100万，剩下的衢州杭州按比例分: a party paid first that is not named among those sharing the
    // rest takes no part of it (the others keep their parts of the ratio, on any scale)
    if (f.restParties && map.size > f.restParties.length)
      for (const o of carveOwners)
        if (map.has(o) && !f.restParties.includes(o) && f.restParties.every((n) => map.has(n))) {
          map.delete(o);
          notes.push(`${o} 先拿固定金额，剩下的由 ${f.restParties.join('、')} 按比例分`);
        }
    return { map };
  }

  /**
   * 景宁和温州按三七分，景宁拿7 / A县B县四六分，A县四: a share said for a party of a ratio's own list,
   * equal to one of the ratio's parts, restates the ratio and says which part is that party's — it is
   * not a fixed share beside the ratio. The restating shares leave the map; the ratio's list is reordered.
   */
  function restated(r: RatioFact, map: Map<string, Share>): RatioFact {
    if (!Array.isArray(r.parties) || !r.vs || r.parties.length !== r.vs.length) return r;
    const vs = r.vs;
    const whole = sum(vs);
    const partOf = (s: Share) => (s.form === 'plain' ? s.v : s.v.mul(whole).div(SCALE[s.form]));
    const said = r.parties.filter((n) => map.has(n));
    const at = said.map((n) => vs.findIndex((v) => v.cmp(partOf(map.get(n)!)) === 0));
    if (!said.length || at.some((j) => j < 0) || new Set(at).size !== at.length) return r;
    const names: string[] = new Array(vs.length);
    said.forEach((n, k) => (names[at[k]] = n));
    const others = r.parties.filter((n) => !said.includes(n));
    for (let j = 0; j < names.length; j++) names[j] ??= others.shift()!;
    for (const n of said) map.delete(n);
    if (names.some((n, j) => n !== (r.parties as string[])[j])) notes.push(`比例 ${r.raw}：${said.map((n) => `${n}拿${fmt(vs[names.indexOf(n)])}`).join('、')}，即 ${names.map((n, j) => `${n} ${fmt(vs[j])}`).join('、')}`);
    return { ...r, parties: names };
  }

  function checkTotal(map: Map<string, Share>, p: number): RolesResult | undefined {
    const vals = [...map.values()];
    if (!vals.length || vals.some((s) => s.form !== vals[0].form)) return undefined;
    const form = vals[0].form;
    if (form === 'plain') return undefined;
    const total = sum(vals.map((s) => s.v));
    const label = f.phased ? `第 ${p + 1} 段` : '';
    if (form === 'pct' && total.cmp(Q.int(100)) !== 0)
      return fail(['ratio'], `${label}百分比合计是 ${fmt(total)}%，不是 100%：请改正比例（例如 60% 和 40%），或写“其余归某方”`, `the percentages add up to ${fmt(total)}%, not 100%`);
    if (form === 'cheng' && total.cmp(Q.int(10)) !== 0)
      return fail(['ratio'], `${label}“成”合计是 ${fmt(total)} 成，不是十成：请改正（例如 三成 和 七成），或写“其余归某方”`, `the tenths add up to ${fmt(total)}, not 10`);
    return undefined;
  }

  /** A ratio's parts as said in a question: 60%, 六成 (tenths only when they add up to ten), else the plain number (60/40 → 60). */
  function partLabels(vs: Q[], form: ShareForm): string[] {
    const tenths = sum(vs).cmp(Q.int(10)) === 0;
    return vs.map((v) => (form === 'pct' ? `${fmt(v)}%` : tenths ? `${cn(v)}成` : fmt(v)));
  }

  /** A ratio's parts to parties: its own list, else the free parties when their order is clear, else a question. */
  function assignRatio(r: RatioFact, free: string[], p = 0): { map: Map<string, Share> } | { fail: RolesResult } {
    const map = new Map<string, Share>();
    let names: string[];
    if (Array.isArray(r.parties)) names = r.parties.filter((n) => !carveOwners.has(n) || r.parties!.length <= (r.vs?.length ?? 2));
    else if (r.parties === 'all') names = free;
    else names = free;
    if (r.lead && names.includes(r.lead) && !Array.isArray(r.parties)) names = [r.lead, ...names.filter((n) => n !== r.lead)];
    const vs = r.vs ?? names.map(() => Q.ONE);
    if (r.vs === null && names.length < 2) {
      // (四方平分 with no names: 甲、乙、丙、丁, as for a ratio of four parts)
      names = names.length ? names : r.count && r.count > 2 ? DEFAULT_MULTI.slice(0, r.count) : ['飞出地', '飞入地'];
      if (names.length < 2) return { fail: fail(['parties'], `“${r.raw}”是哪两方平分？请写出另一方`, `who splits evenly with ${names[0]}?`) };
      vs.splice(0, vs.length, ...names.map(() => Q.ONE));
    }
    if (!names.length && !Array.isArray(r.parties) && f.kindWord && r.vs && r.vs.some((v) => v.cmp(r.vs![0]) !== 0)) {
      // please split 8 million yuan between the two cities 7:3: places spoken of but not named — which gets which part?
      const parts = r.vs.map((v) => (r.form === 'pct' ? `${fmt(v)}%` : fmt(v)));
      return {
        fail: fail(
          ['parties'],
          `说了“${f.kindWord}”，但没有写出名称，也没有说谁拿 ${parts[0]}：请写出各方名称和份额，例如“衢州 ${parts[0]}，杭州 ${parts[1]}”`,
          `“${f.kindWord}” are not named: which one gets ${parts[0]}? Name them with their parts, e.g. “Quzhou ${parts[0]}, Hangzhou ${parts[1]}”`,
        ),
      };
    }
    if (!names.length && !Array.isArray(r.parties) && (f.saysOtherSide || f.saysBoth) && vs.length === 2 && vs[0].cmp(vs[1]) !== 0) {
      // 我们和对方六四分 / 双方三七分: we and the other side, or both sides, neither named nor given a role — which gets which part is asked
      const parts = partLabels(vs, r.form);
      return { fail: fail(['parties'], `没有写出双方名称，也没有说哪一方拿${parts[0]}：请写成“飞出地 ${parts[0]}，飞入地 ${parts[1]}”或写出两地名称`, `the two sides are not named and it is not said which gets ${parts[0]}: write e.g. “sending area ${parts[0]}, receiving area ${parts[1]}”`) };
    }
    if (!names.length && !Array.isArray(r.parties)) {
      names = vs.length === 2 ? ['飞出地', '飞入地'] : DEFAULT_MULTI.slice(0, vs.length);
      if (vs.length > DEFAULT_MULTI.length) return { fail: fail(['parties'], `比例有 ${vs.length} 项，请写出各方名称`, 'too many unnamed parties; name them') };
      notes.push(
        vs.length === 2 && vs[0].cmp(vs[1]) !== 0
          ? `未写双方名称：按“第一个数字归飞出地（设立飞地、提供项目资金的一方），第二个归飞入地（提供土地的一方）”理解，即 飞出地 ${fmt(vs[0])}、飞入地 ${fmt(vs[1])}；如果相反，请写“飞入地 ${fmt(vs[0])} 飞出地 ${fmt(vs[1])}”`
          : `未写各方名称：按顺序记为 ${names.map((d, i) => `${d} ${fmt(vs[i])}`).join('、')}`,
      );
      for (const n of names) if (!parties.includes(n)) parties.push(n);
    } else if (!Array.isArray(r.parties) && names.length === vs.length && vs.length >= 2 && vs.some((v) => v.cmp(vs[0]) !== 0)) {
      // an unequal ratio over parties the sentence did not list with it: is their order clear?
      const ordered = hints.order?.filter((n) => names.includes(n));
      if (ordered && ordered.length === names.length) names = ordered;
      else if (f.vague) {
        // 一方拿六成，另一方拿四成: nobody said which is which — ask below
        names = names.slice();
        const [a, b] = names;
        const parts = partLabels(vs, r.form);
        return { fail: fail(['ratio'], `没有说明哪一方拿${parts[0]}、哪一方拿${parts[1]}：请写成“${a} ${parts[0]}，${b} ${parts[1]}”`, `which party gets ${parts[0]} and which ${parts[1]}? Write e.g. “${a} ${parts[0]}, ${b} ${parts[1]}”`, names.length === 2 ? { kind: 'ratio_owner', zh: `${a}拿${parts[0]}还是${parts[1]}？`, en: `Does ${a} get ${parts[0]} or ${parts[1]}?`, options: [{ zh: `${a} ${parts[0]}`, en: `${a} ${parts[0]}`, hints: { order: [a, b] } }, { zh: `${a} ${parts[1]}`, en: `${a} ${parts[1]}`, hints: { order: [b, a] } }] } : undefined) };
      } else if (inferredOther && f.saysOtherSide && names.includes(inferredOther) && !f.shares.some((x) => x.phase === p && x.party)) {
        // 跟对方三七开，我们这边是飞出地: one role named, the other inferred, and no word on who gets which part
        const [a, b] = names;
        const parts = partLabels(vs, r.form);
        return { fail: fail(['ratio'], `比例 ${r.raw} 没有说明${a}拿${parts[0]}还是${parts[1]}：请写成“${a} ${parts[0]}，${b} ${parts[1]}”`, `the ratio ${r.raw} does not say whether ${a} gets ${parts[0]} or ${parts[1]}: write e.g. “${a} ${parts[0]}, ${b} ${parts[1]}”`, { kind: 'ratio_owner', zh: `${a}拿${parts[0]}还是${parts[1]}？`, en: `Does ${a} get ${parts[0]} or ${parts[1]}?`, options: [{ zh: `${a} ${parts[0]}`, en: `${a} ${parts[0]}`, hints: { order: [a, b] } }, { zh: `${a} ${parts[1]}`, en: `${a} ${parts[1]}`, hints: { order: [b, a] } }] }) };
      } else if (r.lead && names[0] === r.lead) {
        // the sentence said whose part comes first
      } else if (names.length === 2 && names.every((n) => COMPLEMENT[n]) && COMPLEMENT[names[0]] === names[1]) names = FIRST_OF_PAIR.has(names[0]) ? names : [names[1], names[0]];
      else if (order && order.filter((n) => names.includes(n)).length === names.length) names = order.filter((n) => names.includes(n));
      else if (f.lists.some((l) => names.every((n) => l.includes(n)))) {
        // 三七开，衢州和杭州怎么分: the list the parties were named in gives the order
        const list = f.lists.find((l) => names.every((n) => l.includes(n)))!;
        names = list.filter((n) => names.includes(n));
      }
      else if (names.length === 2 && vs.length === 2 && names.some((n) => f.sizeOf[n])) {
        // 六四分，衢州拿大头，杭州拿小头: the size said for a party decides (below)
      } else if (!names.every((n) => mention(n)?.listed)) {
        const [a, b] = names;
        const parts = partLabels(vs, r.form);
        return {
          fail: fail(
            ['ratio'],
            `比例 ${r.raw} 没有说明哪一方拿哪一份：请写成“${a} ${parts[0]}，${b} ${parts[1]}”或“${a}和${b}按${r.raw}分”`,
            `the ratio ${r.raw} does not say who gets which part: write e.g. “${a} ${parts[0]}, ${b} ${parts[1]}”`,
            names.length === 2
              ? {
                  kind: 'ratio_owner',
                  zh: `${a}拿${parts[0]}还是${parts[1]}？`,
                  en: `Does ${a} get ${parts[0]} or ${parts[1]}?`,
                  options: [
                    { zh: `${a} ${parts[0]}`, en: `${a} ${parts[0]}`, hints: { order: [a, b] } },
                    { zh: `${a} ${parts[1]}`, en: `${a} ${parts[1]}`, hints: { order: [b, a] } },
                  ],
                }
              : undefined,
          ),
        };
      }
    }
    if (names.length !== vs.length) {
      if (names.length === 1 && vs.length === 2 && !COMPLEMENT[names[0]] && !hints.other)
        return {
          fail: fail(['parties'], `比例 ${r.raw} 有两项，但只写了一方（${names[0]}）：另一方是谁？`, `the ratio ${r.raw} has two parts but only ${names[0]} is named: who is the other?`, {
            kind: 'other_party',
            zh: `除${names[0]}外，另一方是谁？（直接回复名称）`,
            en: `Who is the other party besides ${names[0]}? (reply with its name)`,
            options: [],
            typed: 'name',
          }),
        };
      return {
        fail: fail(
          ['parties'],
          `写了 ${names.length} 方（${names.join('、') || '无'}），但比例“${r.raw}”有 ${vs.length} 项，对不上：请给每一方写上比例，例如“衢州 60% 杭州 40%”`,
          `${names.length} parties but the ratio “${r.raw}” has ${vs.length} parts; give each party its share`,
        ),
      };
    }
    // 六四分，杭州多拿 / 60-40, Hangzhou gets the bigger part: the size said for a party decides its part
    const sized = names.find((n) => f.sizeOf[n]);
    if (sized && names.length === 2 && vs.length === 2 && vs[0].cmp(vs[1]) !== 0) {
      const wantLarger = f.sizeOf[sized] === 'larger';
      const firstIsLarger = vs[0].gt(vs[1]);
      const other = names.find((n) => n !== sized)!;
      const ordered = wantLarger === firstIsLarger ? [sized, other] : [other, sized];
      if (ordered[0] !== names[0]) notes.push(`${sized}${wantLarger ? '拿较大' : '拿较小'}的一份：比例 ${r.raw} 依次对应 ${ordered.join('、')}`);
      names = ordered;
    }
    names.forEach((n, i) => map.set(n, { v: vs[i], form: r.vs ? r.form : 'plain' }));
    // (a ratio whose order a restated part settled says so too)
    if ((!Array.isArray(r.parties) || r.lead) && names.length && parties.length && r.vs && vs.some((v) => v.cmp(vs[0]) !== 0)) notes.push(`${p > 0 ? `第 ${p + 1} 段：` : ''}比例 ${r.raw} 依次对应 ${names.join('、')}`);
    return { map };
  }
}

/**
 * 运营公司每年先提5%，剩下的前两年飞出地八成，之后六四分 / 先提10%给平台公司，剩余部分缓冲期3年从九一过渡到七三: a
 * percentage said for a party that no ratio and no other share names, before what is left is split over a
 * schedule (periods or a glide), is taken off the top every year. In one period the same sentence is read as
 * that party's share with the ratio splitting what it leaves (the same amounts), so only schedules need this.
 */
function percentsOffTop(f: Facts): Facts['shares'] {
  const restSaid = !!f.saysRest || f.shares.some((x) => x.rest) || f.ratios.some((r) => r.rest);
  const scheduled = f.phased || f.ratios.some((r) => r.role === 'from') || f.buffer !== undefined || !!f.glideStep;
  // (运营公司先提5%，剩下的衢州60%、杭州40%: the others' shares already make the whole, so the 5% comes off the top first)
  const tenths = (y: Facts['shares'][number]) => (y.form === 'cheng' ? y.v!.mul(Q.int(10)) : y.v!);
  const othersOf = (x: Facts['shares'][number]) => f.shares.filter((y) => y !== x && y.phase === 0 && y.party && y.party !== x.party && y.v !== undefined && y.form !== 'plain');
  const othersWhole = (x: Facts['shares'][number]) => othersOf(x).length >= 2 && !f.ratios.length && sum(othersOf(x).map(tenths)).cmp(Q.int(100)) === 0;
  // (管委会按税收的3%提取，其余部分飞出地六成、飞入地四成: the others' shares are said of the rest, so the 3% came first)
  const othersOfRest = (x: Facts['shares'][number]) => othersWhole(x) && othersOf(x).every((y) => y.rest);
  if (!restSaid && !f.shares.some(othersWhole)) return [];
  if (!scheduled && !f.shares.some(othersWhole)) return [];
  const inRatio = new Set(f.ratios.flatMap((r) => [...(Array.isArray(r.parties) ? r.parties : []), ...(r.lead ? [r.lead] : [])]));
  const floorOwners = new Set(f.money.filter((m) => m.role === 'floor' || m.role === 'contrib').map((m) => m.party));
  // (someone else splits what is left: another party's own share, or a ratio)
  const othersSplit = (x: Facts['shares'][number]) => f.ratios.length > 0 || f.shares.some((y) => y.party && y.party !== x.party && y.v !== undefined);
  return f.shares.filter((x) => (x.first || othersOfRest(x)) && x.party && x.v !== undefined && x.form !== 'plain' && x.phase === 0 && !x.rest && !inRatio.has(x.party) && !floorOwners.has(x.party) && f.shares.filter((y) => y.party === x.party).length === 1 && othersSplit(x) && (scheduled || othersWhole(x)));
}

/** 飞出地为衢州: every fact about 飞出地 is about 衢州 (the place keeps its name in the result). */
function withAliases(f: Facts, notes: string[]): Facts {
  const a = f.aliases;
  if (!Object.keys(a).length) return f;
  const r = (n: string) => a[n] ?? n;
  notes.push(`${Object.entries(a).map(([role, place]) => `${place}为${role}`).join('，')}`);
  const mentions: Facts['mentions'] = [];
  for (const m of f.mentions) {
    const name = r(m.name);
    const had = mentions.find((x) => x.name === name);
    if (had) had.listed ||= m.listed;
    else mentions.push({ ...m, name });
  }
  return {
    ...f,
    mentions,
    // (飞出地景宁县与飞入地宁波市: the role and its place were listed side by side, and are one party)
    lists: f.lists.map((l) => [...new Set(l.map(r))]),
    // (飞出地青田分八成: the share was given to the role and to its place, one party)
    shares: f.shares.map((s) => ({ ...s, party: s.party && r(s.party) })).filter((s, n, all) => !all.slice(0, n).some((o) => o.party === s.party && o.phase === s.phase && o.raw === s.raw && o.form === s.form && (o.v === undefined ? s.v === undefined : s.v !== undefined && o.v.cmp(s.v) === 0))),
    ratios: f.ratios.map((x) => ({ ...x, parties: Array.isArray(x.parties) ? [...new Set(x.parties.map(r))] : x.parties })),
    money: f.money.map((m) => ({ ...m, party: m.party && r(m.party) })),
    baselineOwner: f.baselineOwner && r(f.baselineOwner),
    ...(f.restParties ? { restParties: f.restParties.map(r) } : {}),
    sizeOf: Object.fromEntries(Object.entries(f.sizeOf).map(([n, v]) => [r(n), v])),
  };
}

function setShares(input: SplitInput, map: Map<string, Share>): void {
  for (const p of input.parties) {
    const s = map.get(p.name);
    p.share = s ? s.v.toNumber() : 0;
  }
}

/**
 * 从七成过渡到四成，每年降一成: the years a glide takes when it moves by a step each year, start and end
 * included (7 → 4 by 1: 4 years); undefined unless the step reaches the target in whole steps. The step is
 * on the scale it was said in (成 of ten, % of a hundred; a bare number on `plainScale`, the start's own)
 * and is measured on the party the glide is said of (`said`), or the first of the start.
 */
function glideYearsByStep(step: NonNullable<Facts['glideStep']>, said: string | undefined, plainScale: Q, from: Map<string, Share>, target: Map<string, Share>): number | undefined {
  const lead = said && from.has(said) ? said : [...from.keys()][0];
  const fraction = (m: Map<string, Share>) => {
    const total = sum([...m.values()].map((x) => x.v));
    const own = m.get(lead)?.v;
    return own !== undefined && total.gt(Q.ZERO) ? own.div(total) : undefined;
  };
  const a = fraction(from);
  const b = fraction(target);
  const scale = step.form === 'plain' ? plainScale : SCALE[step.form];
  if (a === undefined || b === undefined || !step.v.gt(Q.ZERO) || !scale.gt(Q.ZERO)) return undefined;
  const diff = a.gt(b) ? a.sub(b) : b.sub(a);
  const steps = diff.div(step.v.div(scale));
  return steps.d === 1n && steps.n >= 1n && steps.n <= 99n ? Number(steps.n) + 1 : undefined;
}

/** Year y of an N-year glide as integer shares: from·(N − y) + to·y, both on one scale. */
function glidePhases(names: string[], from: Map<string, Share>, to: Map<string, Share>, n: number, after: number): NonNullable<SplitInput['phases']> {
  const fromTotal = sum(names.map((k) => from.get(k)?.v ?? Q.ZERO));
  const toTotal = sum(names.map((k) => to.get(k)?.v ?? Q.ZERO));
  const out: NonNullable<SplitInput['phases']> = [];
  // start and end inclusive: year y = start × (n − y)/(n − 1) + target × (y − 1)/(n − 1), n ≥ 2
  for (let y = 1; y <= n; y++) {
    const shares = Object.fromEntries(
      names.map((k) => [k, (from.get(k)?.v ?? Q.ZERO).div(fromTotal).mul(Q.int(n - y)).add((to.get(k)?.v ?? Q.ZERO).div(toTotal).mul(Q.int(y - 1))).div(Q.int(n - 1))]),
    );
    // exact shares as decimals where they are (most are), else scaled to integers by the common denominator
    const den = Object.values(shares).reduce((a, q) => lcm(a, q.d), 1n);
    out.push({ years: 1, shares: Object.fromEntries(Object.entries(shares).map(([k, q]) => [k, Number(q.mul(new Q(den)).toFixed(0))])) });
  }
  if (after > 0) out.push({ years: after, shares: Object.fromEntries(names.map((k) => [k, (to.get(k)?.v ?? Q.ZERO).toNumber()])) });
  return out;
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

function dedupe(ms: MoneyFact[]): MoneyFact[] {
  const out: MoneyFact[] = [];
  for (const m of ms) if (!out.some((o) => o.v.cmp(m.v) === 0)) out.push(m);
  return out;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function cn(v: Q): string {
  const n = v.toNumber();
  return Number.isInteger(n) && n >= 0 && n <= 10 ? CN[n] : fmt(v);
}
