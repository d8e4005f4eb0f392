/**
 * Benefit-sharing calculator (收益分成). Pure and exact: all arithmetic is rational (see ./rational),
 * amounts are rounded once, to the cent, by largest remainder so they add up to the revenue exactly.
 *
 * Semantics (issue 3, relied on by an independent checker):
 * - shares: share_i / Σ share; or from contributions, share_i = Σ_f w_f · c_if / C_f over factors with
 *   C_f > 0, weights equal by default and normalised to 1 over those factors;
 * - R = revenue − baseline.amount (0 when the revenue falls short: the owner keeps it all); amount_i = share_i · R; the baseline is then added to its owner;
 * - floors: below-floor parties get their floor, the others give up the shortfall in proportion to
 *   their shares, repeated until no floor is violated; floors above R are an error;
 * - transition: year y of N has share from + (target − from) · y / N, on revenue or revenueByYear[y−1];
 * - phases (issue 13): consecutive blocks of years, each with its own agreed ratio (前四年九一，之后六四);
 *   year y uses the shares of the phase it falls in; the top-level shares/amounts are the last phase's;
 * - carveOut (issue 13): fixed amounts paid to their owners before anything else (村集体保底100万，剩下的
 *   六四分), or a percentage of the (year's) revenue (管委会先提10%作管理费: revenue × percent ÷ 100); the
 *   rest is split by the shares, where an owner without a share takes no part of it;
 * - rounding: amounts to 0.01 by largest remainder (ties → earlier party); shares shown to 4 decimals.
 */
import { z } from 'zod';
import { UserError } from '../errors';
import { CitationSchema, uniqueCitations } from './citations';
import { mechanismCitations, type MechanismId } from './mechanisms';
import { groupDigits, Q, sum, trimDecimal } from './rational';
import { nonNegative, zodUserError } from './schema-errors';

/** A number of years in a schedule (a buffer's or a phase's): whole, 1 to 100. */
const wholeYears = z
  .number({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a whole number of years') })
  .int({ error: 'must be a whole number of years' })
  .min(1, { error: 'must be at least 1' })
  .max(100, { error: 'must be at most 100' });

export const SPLIT_EXAMPLE = '{"revenue": 10000000, "parties": [{"name": "飞出地", "share": 6}, {"name": "飞入地", "share": 4}]}';

export const PartySchema = z.object({
  name: z.string({ error: 'is required (a party name, e.g. "衢州")' }).trim().min(1, { error: 'must not be empty' }),
  role: z.string().optional().describe('e.g. 飞出地, 飞入地, 起始飞地, 中继飞地, 终端飞地'),
  share: nonNegative('agreed ratio; any scale (6 and 4, 0.6 and 0.4, 60 and 40)').optional(),
  contributions: z
    .record(z.string(), nonNegative('amount of this factor'))
    .optional()
    .describe('factor → amount, e.g. {"capital": 600, "land": 200}; used when no party gives a share'),
  floor: nonNegative('guaranteed minimum amount (收益保底) of the split amount').optional(),
});
export type Party = z.infer<typeof PartySchema>;

export const SplitInputSchema = z.object({
  revenue: nonNegative('amount to split (元), e.g. tax revenue'),
  parties: z
    .array(PartySchema, { error: (iss) => (iss.input === undefined ? 'is required: a list of parties' : 'must be a list of parties') })
    .min(2, { error: (iss) => `needs at least two parties (got ${(iss as { input?: unknown[] }).input?.length ?? 0})` }),
  weights: z
    .record(z.string(), nonNegative('weight of this factor'))
    .optional()
    .describe('factor weights for contributions; default equal; normalised to sum 1'),
  baseline: z
    .object({
      amount: nonNegative('baseline (基数) that stays with its owner; only the increment is split'),
      owner: z.string({ error: 'is required (name of the party that keeps the baseline)' }),
    })
    .optional(),
  transition: z
    .object({
      years: wholeYears,
      from: z.record(z.string(), nonNegative('starting share')).describe('starting ratio by party name, any scale'),
    })
    .optional()
    .describe('buffer years (缓冲年限): glide from `from` to the target shares over N years'),
  phases: z
    .array(
      z.object({
        years: wholeYears,
        shares: z.record(z.string(), nonNegative('share of this party in this phase')).describe('ratio by party name, any scale'),
      }),
      { error: 'must be a list of phases, e.g. [{"years": 4, "shares": {"飞出地": 9, "飞入地": 1}}, {"years": 2, "shares": {"飞出地": 6, "飞入地": 4}}]' },
    )
    .min(1, { error: 'needs at least one phase' })
    .max(20, { error: 'must have at most 20 phases' })
    .optional()
    .describe('phased schedule: consecutive blocks of years, each with its own ratio; parties then need no share of their own'),
  carveOut: z
    .array(
      z
        .object({
          owner: z.string({ error: 'is required (name of the party paid first)' }),
          amount: nonNegative('fixed amount paid to the owner before the rest is split').optional(),
          percent: nonNegative('')
            .max(100, { error: (iss) => `must be at most 100 (got ${(iss as { input?: unknown }).input})` })
            .describe('percentage of the revenue (of each year’s revenue in a schedule) paid to the owner before the rest is split, e.g. 10 for a 10% fee off the top')
            .optional(),
        })
        .refine((c) => (c.amount === undefined) !== (c.percent === undefined), { error: 'needs either "amount" (a fixed sum) or "percent" (a percentage of the revenue), not both' }),
      { error: 'must be a list like [{"owner": "村集体", "amount": 1000000}] or [{"owner": "管委会", "percent": 10}]' },
    )
    .min(1, { error: 'needs at least one entry' })
    .optional()
    .describe('priority carve-out: fixed amounts or percentages of the revenue paid first, the rest split by the shares (an owner without a share takes no part of the rest)'),
  revenueByYear: z.array(nonNegative('revenue of that year')).min(1).max(100).optional(),
  indicator: z.string().optional().describe('label of what is split: 税收, GDP, 营业收入, 投资…'),
});
export type SplitInput = z.infer<typeof SplitInputSchema>;

const NumberMap = z.record(z.string(), z.number());
export const SplitResultSchema = z.object({
  shares: NumberMap,
  amounts: NumberMap,
  schedule: z.array(z.object({ year: z.number().int(), shares: NumberMap, amounts: NumberMap })).optional(),
  steps: z.array(z.string()),
  sources: z.array(CitationSchema),
});
export type SplitResult = z.infer<typeof SplitResultSchema>;

// ---------- formatting helpers (exact decimals) ----------
const fmtShare = (q: Q) => q.toFixed(4);
const fmtNum = (q: Q, digits = 4) => groupDigits(trimDecimal(q.toFixed(digits)));
const fmtMoney = (cents: bigint) => groupDigits(centsToString(cents));
function centsToString(cents: bigint): string {
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
const centsToNumber = (cents: bigint) => Number(centsToString(cents));
const list = (names: string[], values: string[]) => names.map((n, i) => `${n} ${values[i]}`).join('，');

// ---------- shares ----------
interface Shares {
  shares: Q[];
  mechanism: MechanismId;
  steps: string[];
}

function computeShares(input: SplitInput): Shares {
  const { parties } = input;
  const names = parties.map((p) => p.name);
  // A carve-out owner without a share of its own is paid first and takes no part of the rest.
  const carved = new Set((input.carveOut ?? []).map((c) => c.owner));
  const shareOf = (p: Party) => p.share ?? (carved.has(p.name) ? 0 : undefined);
  const explicit = parties.filter((p) => p.share !== undefined);
  if (explicit.length && parties.every((p) => shareOf(p) !== undefined)) {
    const raw = parties.map((p) => Q.from(shareOf(p)!));
    const total = sum(raw);
    if (total.isZero()) throw new UserError(`the shares are all zero; give positive shares, e.g. 6 and 4. Example: ${SPLIT_EXAMPLE}`);
    const shares = raw.map((s) => s.div(total));
    return {
      shares,
      mechanism: 'agreed_ratio',
      steps: [
        `份额（协商比例，share_i ÷ Σshare，Σshare = ${raw.map((r) => fmtNum(r)).join(' + ')} = ${fmtNum(total)}）：${names
          .map((n, i) => `${n} = ${fmtNum(raw[i])} ÷ ${fmtNum(total)} = ${fmtShare(shares[i])}`)
          .join('；')}`,
      ],
    };
  }
  if (explicit.length > 0) {
    const missing = parties.find((p) => shareOf(p) === undefined)!;
    throw new UserError(`party "${missing.name}" has no share: give every party a share (e.g. 6 and 4), or give contributions instead of shares`);
  }
  if (!parties.some((p) => p.contributions && Object.keys(p.contributions).length)) {
    throw new UserError(`give each party a "share" (e.g. 6 and 4) or "contributions" (e.g. {"资金": 600, "土地": 200}), or give "phases". Example: ${SPLIT_EXAMPLE}`);
  }
  return contributionShares(input);
}

/** One phase's ratio, normalised; parties it does not list get 0 (said in the steps). */
function phaseShares(names: string[], phase: NonNullable<SplitInput['phases']>[number], label: string): { shares: Q[]; step: string } {
  const raw = names.map((n) => Q.from(phase.shares[n] ?? 0));
  const total = sum(raw);
  if (total.isZero()) throw new UserError(`${label} shares are all zero; give that phase a positive ratio, e.g. {"飞出地": 6, "飞入地": 4}`);
  const shares = raw.map((r) => r.div(total));
  const absent = names.filter((n) => phase.shares[n] === undefined);
  return {
    shares,
    step: `${label}（${phase.years} 年）份额 = share_i ÷ Σshare（Σ = ${fmtNum(total)}）：${names.map((n, i) => `${n} = ${fmtNum(raw[i])} ÷ ${fmtNum(total)} = ${fmtShare(shares[i])}`).join('；')}${
      absent.length ? `（未列出的一方按 0 计：${absent.join('、')}）` : ''
    }`,
  };
}

function contributionShares(input: SplitInput): Shares {
  const { parties } = input;
  const names = parties.map((p) => p.name);
  const steps: string[] = [];
  const factors: string[] = [];
  for (const p of parties) for (const f of Object.keys(p.contributions ?? {})) if (!factors.includes(f)) factors.push(f);
  const c = (i: number, f: string) => Q.from(parties[i].contributions?.[f] ?? 0);
  const totals = new Map(factors.map((f) => [f, sum(parties.map((_, i) => c(i, f)))]));
  const active = factors.filter((f) => !totals.get(f)!.isZero());
  if (!active.length) throw new UserError('the contributions are all zero, so the shares are all zero; give at least one positive contribution');
  const noContrib = parties.filter((p) => !p.contributions || !Object.keys(p.contributions).length).map((p) => p.name);
  if (noContrib.length) steps.push(`未给出贡献的一方按 0 计：${noContrib.join('、')}`);
  steps.push(`各因素合计 C_f：${factors.map((f) => `${f} = ${fmtNum(totals.get(f)!)}`).join('；')}${active.length < factors.length ? `（合计为 0 的因素不计入：${factors.filter((f) => !active.includes(f)).join('、')}）` : ''}`);

  let w: Map<string, Q>;
  if (input.weights) {
    const unknown = Object.keys(input.weights).filter((f) => !factors.includes(f));
    // The rule sums over factors with C_f > 0 only, so a weighted factor nobody contributes drops out; say so in the steps.
    if (unknown.length) steps.push(`权重中的因素无任何一方出资，不计入：${unknown.join('、')}（各方出资的因素：${factors.join('、')}）`);
    const unweighted = active.filter((f) => input.weights![f] === undefined);
    if (unweighted.length) steps.push(`权重未列出的因素按 0 计：${unweighted.join('、')}`);
    w = new Map(active.map((f) => [f, Q.from(input.weights![f] ?? 0)]));
  } else {
    w = new Map(active.map((f) => [f, Q.ONE]));
  }
  const wTotal = sum([...w.values()]);
  if (wTotal.isZero()) throw new UserError('the weights of the contributed factors are all zero, so the shares are all zero; give a positive weight');
  const wn = new Map(active.map((f) => [f, w.get(f)!.div(wTotal)]));
  steps.push(`权重（${input.weights ? '给定权重' : '等权'}，归一化为 1）：${active.map((f) => `${f} ${fmtShare(wn.get(f)!)}`).join('，')}`);

  const shares = parties.map((_, i) => sum(active.map((f) => wn.get(f)!.mul(c(i, f)).div(totals.get(f)!))));
  steps.push(
    `份额（按贡献加权，share_i = Σ w_f × c_if ÷ C_f）：${names
      .map((n, i) => `${n} = ${active.map((f) => `${fmtShare(wn.get(f)!)}×${fmtNum(c(i, f))}/${fmtNum(totals.get(f)!)}`).join(' + ')} = ${fmtShare(shares[i])}`)
      .join('；')}`,
  );
  return { shares, mechanism: 'contribution_weighted', steps };
}

// ---------- allocation of one year's revenue ----------
interface Allocation {
  cents: bigint[];
  steps: string[];
}

function allocate(input: SplitInput, shares: Q[], revenueNum: number, label: string): Allocation {
  const names = input.parties.map((p) => p.name);
  const steps: string[] = [];
  const revenue = Q.from(revenueNum);
  let R = revenue;
  // Carve-outs are paid first, in the order given; only what is left goes on to baseline, shares and floors.
  const carve = names.map(() => Q.ZERO);
  if (input.carveOut) {
    // a percentage is of this year's revenue (管委会先提10%): revenue × percent ÷ 100, exact
    const paid = input.carveOut.map((c) => (c.percent !== undefined ? revenue.mul(Q.from(c.percent)).div(Q.int(100)) : Q.from(c.amount ?? 0)));
    const total = sum(paid);
    if (total.gt(revenue))
      throw new UserError(`the amounts paid first (carveOut) add up to ${fmtNum(total)}, more than the revenue ${fmtNum(revenue)}; lower them or raise the revenue`);
    input.carveOut.forEach((c, k) => (carve[names.indexOf(c.owner)] = carve[names.indexOf(c.owner)].add(paid[k])));
    R = revenue.sub(total);
    const byPercent = input.carveOut.some((c) => c.percent !== undefined);
    steps.push(
      `${label}优先支付（先拨付${byPercent ? '固定金额或比例' : '固定金额'}，再分剩余）：${input.carveOut
        .map((c, k) => (c.percent !== undefined ? `${c.owner} ${fmtNum(Q.from(c.percent))}% × ${fmtNum(revenue)} = ${fmtNum(paid[k])}` : `${c.owner} ${fmtNum(paid[k])}`))
        .join('，')}；剩余 R = ${fmtNum(revenue)} − ${fmtNum(total)} = ${fmtNum(R)}`,
    );
  }
  let baseIndex = -1;
  let base = Q.ZERO;
  if (input.baseline) {
    baseIndex = names.indexOf(input.baseline.owner);
    base = Q.from(input.baseline.amount);
    // A year whose revenue falls short of the baseline: the baseline's owner keeps all of it, and
    // there is no increment to share (the baseline is the first slice, not a debt of the others).
    if (base.gt(R)) {
      steps.push(`${label}收入 ${fmtNum(R)} 低于基数 ${fmtNum(base)}${input.carveOut ? '（优先支付后）' : ''}：全部归 ${input.baseline.owner}，没有增量可分`);
      base = R;
    }
    const before = R;
    R = R.sub(base);
    steps.push(`${label}增量分成：基数 ${fmtNum(base)} 留给 ${input.baseline.owner}；待分增量 R′ = ${fmtNum(before)} − ${fmtNum(base)} = ${fmtNum(R)}`);
  }
  const Rname = input.baseline ? 'R′' : 'R';

  let amounts = shares.map((s) => s.mul(R));
  steps.push(`${label}金额 = 份额 × ${Rname}（${fmtNum(R)}）：${list(names, amounts.map((a) => fmtNum(a)))}`);

  const floors = input.parties.map((p) => Q.from(p.floor ?? 0));
  if (input.parties.some((p) => p.floor !== undefined)) {
    const floorSum = sum(floors);
    if (floorSum.gt(R))
      throw new UserError(`the floors add up to ${fmtNum(floorSum)}, more than the amount being split (${fmtNum(R)}); lower the floors or raise the revenue`);
    const binding = new Set<number>();
    for (let round = 1; ; round++) {
      const violators = amounts.map((a, i) => i).filter((i) => !binding.has(i) && amounts[i].lt(floors[i]));
      if (!violators.length) {
        steps.push(`${label}保底检查：${round === 1 ? '各方均不低于保底，不调整' : '已无低于保底的一方'}（保底：${list(names, floors.map((f) => fmtNum(f)))}）`);
        break;
      }
      for (const i of violators) binding.add(i);
      const free = names.map((_, i) => i).filter((i) => !binding.has(i));
      const remaining = R.sub(sum([...binding].map((i) => floors[i])));
      const freeShare = sum(free.map((i) => shares[i]));
      const next = amounts.map((_, i) => (binding.has(i) ? floors[i] : shares[i].mul(remaining).div(freeShare)));
      steps.push(
        `${label}保底第 ${round} 轮：${violators.map((i) => `${names[i]} ${fmtNum(amounts[i])} < 保底 ${fmtNum(floors[i])} → 取保底`).join('；')}；其余 ${free
          .map((i) => names[i])
          .join('、')} 按份额分 ${Rname} − 保底 = ${fmtNum(remaining)}：${free.map((i) => `${names[i]} = ${fmtNum(remaining)} × ${fmtShare(shares[i])}/${fmtShare(freeShare)} = ${fmtNum(next[i])}`).join('；')}`,
      );
      amounts = next;
    }
  }
  if (baseIndex >= 0) {
    steps.push(`${label}加回基数：${names[baseIndex]} = ${fmtNum(amounts[baseIndex])} + ${fmtNum(base)} = ${fmtNum(amounts[baseIndex].add(base))}`);
    amounts = amounts.map((a, i) => (i === baseIndex ? a.add(base) : a));
  }
  if (input.carveOut) {
    const paid = names.map((_, i) => i).filter((i) => !carve[i].isZero());
    steps.push(`${label}加回优先支付：${paid.map((i) => `${names[i]} = ${fmtNum(amounts[i])} + ${fmtNum(carve[i])} = ${fmtNum(amounts[i].add(carve[i]))}`).join('；')}`);
    amounts = amounts.map((a, i) => a.add(carve[i]));
  }
  const cents = roundToCents(amounts, revenue);
  const total = cents.reduce((a, b) => a + b, 0n);
  const exactCents = amounts.map((a) => a.mul(Q.int(100)));
  const bumped = cents.map((c, i) => (c !== exactCents[i].floor() ? names[i] : '')).filter(Boolean);
  steps.push(
    `${label}取整到分（0.01 元），最大余数法分配尾差（余数相同先给靠前的一方）：${list(names, cents.map(fmtMoney))}；合计 ${fmtMoney(total)}${
      bumped.length ? `（尾差 1 分给：${bumped.join('、')}）` : ''
    }`,
  );
  return { cents, steps };
}

/** Cents per party, adding up to the revenue rounded to the cent, by largest remainder; ties go to the earlier party. */
export function roundToCents(amounts: Q[], total: Q): bigint[] {
  const hundred = Q.int(100);
  const exact = amounts.map((a) => a.mul(hundred));
  const base = exact.map((x) => x.floor());
  const target = total.mul(hundred).add(new Q(1n, 2n)).floor();
  let left = target - base.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((x, i) => ({ i, rem: x.sub(Q.int(base[i])) }))
    .sort((a, b) => b.rem.cmp(a.rem) || a.i - b.i);
  const out = [...base];
  for (let k = 0; left > 0n && k < order.length; k++, left--) out[order[k].i] += 1n;
  return out;
}

// ---------- entry point ----------
export interface SplitOptions {
  /** Lines put before the computed steps, e.g. what the chat-text parser assumed. */
  notes?: string[];
}

export function computeSplit(raw: unknown, options: SplitOptions = {}): SplitResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UserError(`the input must be one JSON object. Example: ${SPLIT_EXAMPLE}`);
  const parsed = SplitInputSchema.safeParse(raw);
  if (!parsed.success) throw zodUserError(parsed.error, SPLIT_EXAMPLE);
  const input = parsed.data;
  const names = input.parties.map((p) => p.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new UserError(`two parties are both called "${dup}"; give each party its own name`);
  if (input.baseline && !names.includes(input.baseline.owner))
    throw new UserError(`baseline.owner "${input.baseline.owner}" is not one of the parties (${names.join(', ')})`);
  if (input.transition) {
    const unknown = Object.keys(input.transition.from).find((n) => !names.includes(n));
    if (unknown !== undefined) throw new UserError(`transition.from names "${unknown}", which is not one of the parties (${names.join(', ')})`);
    if (input.revenueByYear && input.revenueByYear.length !== input.transition.years)
      throw new UserError(`revenueByYear has ${input.revenueByYear.length} values but transition.years is ${input.transition.years}; give one revenue per year`);
  }
  for (const c of input.carveOut ?? [])
    if (!names.includes(c.owner)) throw new UserError(`carveOut.owner "${c.owner}" is not one of the parties (${names.join(', ')})`);
  const carvedPercent = sum((input.carveOut ?? []).map((c) => Q.from(c.percent ?? 0)));
  if (carvedPercent.gt(Q.int(100))) throw new UserError(`the percentages paid first (carveOut) add up to ${fmtNum(carvedPercent)}%, more than 100%; lower them`);
  if (input.phases) {
    if (input.transition) throw new UserError('give either "transition" (a gradual glide) or "phases" (fixed ratios by period), not both');
    const withShare = input.parties.find((p) => p.share !== undefined || p.contributions);
    if (withShare) throw new UserError(`with "phases", the ratio of each period is given in the phases; remove the share/contributions of party "${withShare.name}"`);
    for (const [k, ph] of input.phases.entries()) {
      const unknown = Object.keys(ph.shares).find((n) => !names.includes(n));
      if (unknown !== undefined) throw new UserError(`phases[${k}].shares names "${unknown}", which is not one of the parties (${names.join(', ')})`);
    }
    const total = input.phases.reduce((a, ph) => a + ph.years, 0);
    if (total > 100) throw new UserError(`the phases add up to ${total} years; at most 100 years can be scheduled`);
    if (input.revenueByYear && input.revenueByYear.length !== total)
      throw new UserError(`revenueByYear has ${input.revenueByYear.length} values but the phases add up to ${total} years; give one revenue per year`);
  }

  const indicator = input.indicator?.trim() || '收益';
  const steps: string[] = [...(options.notes ?? [])];
  steps.push(`指标：${indicator}（金额单位：元）；总额 R = ${fmtNum(Q.from(input.revenue))}；参与方：${names.join('、')}`);
  const phased = input.phases?.map((ph, k) => phaseShares(names, ph, `第 ${k + 1} 阶段`));
  const sh: Shares = phased ? { shares: phased[phased.length - 1].shares, mechanism: 'agreed_ratio', steps: [] } : computeShares(input);
  if (phased) {
    let first = 1;
    const spans = input.phases!.map((ph) => {
      const span = ph.years === 1 ? `第 ${first} 年` : `第 ${first}–${first + ph.years - 1} 年`;
      first += ph.years;
      return span;
    });
    steps.push(`分阶段比例（${input.phases!.length} 个阶段，共 ${first - 1} 年）：${spans.join('、')}；汇总金额按最后一个阶段的比例计算`);
    steps.push(...phased.map((ph, k) => `${spans[k]}：${ph.step}`));
  }
  steps.push(...sh.steps);
  const used = new Set<MechanismId>([sh.mechanism]);
  if (phased) used.add('transition');
  if (input.indicator) used.add('indicator_sharing');
  if (input.parties.some((p) => p.floor !== undefined)) used.add('floor');
  if (input.baseline) used.add('incremental');
  if (input.carveOut) used.add('floor');
  if (input.transition) used.add('transition');
  const relayRe = /起始|中继|终端|接力|relay|start|terminal/i;
  if (input.parties.length >= 3 && input.parties.some((p) => relayRe.test(`${p.name} ${p.role ?? ''}`))) used.add('relay_chain');

  const main = allocate(input, sh.shares, input.revenue, '');
  steps.push(...main.steps);
  const shareMap = (qs: Q[]) => Object.fromEntries(names.map((n, i) => [n, Number(fmtShare(qs[i]))]));
  const amountMap = (cs: bigint[]) => Object.fromEntries(names.map((n, i) => [n, centsToNumber(cs[i])]));
  const result: SplitResult = { shares: shareMap(sh.shares), amounts: amountMap(main.cents), steps, sources: [] };

  const years = input.transition?.years ?? input.phases?.reduce((a, ph) => a + ph.years, 0) ?? input.revenueByYear?.length;
  if (years) {
    let from: Q[] | undefined;
    if (input.transition) {
      const rawFrom = names.map((n) => Q.from(input.transition!.from[n] ?? 0));
      const total = sum(rawFrom);
      if (total.isZero()) throw new UserError('transition.from shares are all zero; give the starting ratio, e.g. {"飞出地": 9, "飞入地": 1}');
      from = rawFrom.map((f) => f.div(total));
      const absent = names.filter((n) => input.transition!.from[n] === undefined);
      steps.push(
        `缓冲年限 ${years} 年：第 y 年份额 = 起始 + (目标 − 起始) × y ÷ ${years}。起始（归一化）：${list(names, from.map(fmtShare))}；目标：${list(names, sh.shares.map(fmtShare))}${
          absent.length ? `（起始比例未列出的一方按 0 计：${absent.join('、')}）` : ''
        }`,
      );
    } else if (!phased) {
      steps.push(`逐年收入（revenueByYear，${years} 年），各年份额不变`);
    }
    // The phase each year falls in: phaseOfYear[y − 1].
    const phaseOfYear = (input.phases ?? []).flatMap((ph, k) => Array.from({ length: ph.years }, () => k));
    result.schedule = [];
    for (let y = 1; y <= years; y++) {
      const t = new Q(BigInt(y), BigInt(years));
      const ys = from ? from.map((f, i) => f.add(sh.shares[i].sub(f).mul(t))) : phased ? phased[phaseOfYear[y - 1]].shares : sh.shares;
      const rev = input.revenueByYear?.[y - 1] ?? input.revenue;
      const alloc = allocate(input, ys, rev, `第 ${y} 年：`);
      const quiet = alloc.steps.filter((s) => !/金额 = 份额|取整到分/.test(s));
      steps.push(`第 ${y} 年：份额 ${list(names, ys.map(fmtShare))}；收入 ${fmtNum(Q.from(rev))} → ${list(names, alloc.cents.map(fmtMoney))}`, ...quiet);
      result.schedule.push({ year: y, shares: shareMap(ys), amounts: amountMap(alloc.cents) });
    }
  }
  result.sources = uniqueCitations(mechanismCitations(used));
  return result;
}
