import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors';
import { estimateOutput } from '../src/tools/estimate';
import { Q } from '../src/tools/rational';
import { computeSplit, roundToCents, type SplitInput } from '../src/tools/split';

const cents = (x: number) => Math.round(x * 100);
const sumCents = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + cents(b), 0);
const split = (input: unknown) => computeSplit(input);
const errorOf = (input: unknown) => {
  try {
    computeSplit(input);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected a UserError');
};

describe('shares', () => {
  it('normalises agreed shares on any scale (6:4, 0.6:0.4, 60:40)', () => {
    for (const [a, b] of [[6, 4], [0.6, 0.4], [60, 40]]) {
      const r = split({ revenue: 1000, parties: [{ name: 'A', share: a }, { name: 'B', share: b }] });
      expect(r.shares).toEqual({ A: 0.6, B: 0.4 });
      expect(r.amounts).toEqual({ A: 600, B: 400 });
    }
  });

  it('prints shares to 4 decimals', () => {
    const r = split({ revenue: 100, parties: [{ name: 'A', share: 1 }, { name: 'B', share: 2 }] });
    expect(r.shares).toEqual({ A: 0.3333, B: 0.6667 });
  });

  it('weights contributions equally over factors with a positive total, ignoring all-zero factors', () => {
    // capital: A 600 / 1000, land: A 0 / 300 → A = (0.6 + 0) / 2 = 0.3
    const r = split({
      revenue: 1000,
      parties: [
        { name: 'A', contributions: { capital: 600, land: 0, tech: 0 } },
        { name: 'B', contributions: { capital: 400, land: 300 } },
      ],
    });
    expect(r.shares).toEqual({ A: 0.3, B: 0.7 });
    expect(r.amounts).toEqual({ A: 300, B: 700 });
  });

  it('applies factor weights, normalised to 1', () => {
    // weights 3:1 → capital 0.75, land 0.25; A = 0.75×0.6 + 0.25×0 = 0.45
    const r = split({
      revenue: 1000,
      weights: { capital: 3, land: 1 },
      parties: [
        { name: 'A', contributions: { capital: 600, land: 0 } },
        { name: 'B', contributions: { capital: 400, land: 300 } },
      ],
    });
    expect(r.shares).toEqual({ A: 0.45, B: 0.55 });
    expect(r.amounts).toEqual({ A: 450, B: 550 });
  });

  it('uses the contribution-weighted citation for contributions and the agreed-ratio one for shares', () => {
    const c = split({ revenue: 10, parties: [{ name: 'A', contributions: { k: 1 } }, { name: 'B', contributions: { k: 1 } }] });
    expect(c.sources.some((s) => s.quote.includes('股本'))).toBe(true);
    const s = split({ revenue: 10, parties: [{ name: 'A', share: 1 }, { name: 'B', share: 1 }] });
    expect(s.sources.some((x) => x.quote.includes('收益分成比例'))).toBe(true);
  });
});

describe('rounding', () => {
  it('adds up to the revenue to the cent by largest remainder; ties go to the earlier party', () => {
    expect(split({ revenue: 100, parties: ['A', 'B', 'C'].map((name) => ({ name, share: 1 })) }).amounts).toEqual({ A: 33.34, B: 33.33, C: 33.33 });
    expect(split({ revenue: 0.02, parties: ['A', 'B', 'C'].map((name) => ({ name, share: 1 })) }).amounts).toEqual({ A: 0.01, B: 0.01, C: 0 });
    // 2/3 and 1/3 of 1: 66.666… and 33.333… cents: the larger remainder (A) gets the cent
    expect(split({ revenue: 1, parties: [{ name: 'A', share: 2 }, { name: 'B', share: 1 }] }).amounts).toEqual({ A: 0.67, B: 0.33 });
  });

  it('is exact where floats are not (0.1 + 0.2)', () => {
    const r = split({ revenue: 0.3, parties: [{ name: 'A', share: 0.1 }, { name: 'B', share: 0.2 }] });
    expect(r.amounts).toEqual({ A: 0.1, B: 0.2 });
    expect(roundToCents([Q.from(0.1), Q.from(0.2)], Q.from(0.3))).toEqual([10n, 20n]);
  });
});

describe('baseline (incremental basis)', () => {
  it('splits only the increment and adds the baseline to its owner', () => {
    const r = split({
      revenue: 12_000_000,
      baseline: { amount: 2_000_000, owner: '飞入地' },
      parties: [{ name: '飞出地', share: 5 }, { name: '飞入地', share: 5 }],
    });
    expect(r.amounts).toEqual({ 飞出地: 5_000_000, 飞入地: 7_000_000 });
    expect(r.shares).toEqual({ 飞出地: 0.5, 飞入地: 0.5 });
    expect(r.steps.join('\n')).toContain('R′ = 12,000,000 − 2,000,000 = 10,000,000');
    expect(r.sources.some((s) => s.quote.includes('增量收益'))).toBe(true);
  });
});

describe('floors', () => {
  it('raises a party to its floor and takes the shortfall from the others in proportion to their shares', () => {
    // A 0.5, B 0.3, C 0.2 of 1000; C floor 300: C 200 → 300; A and B give up 100 as 5:3 → A 437.5, B 262.5
    const r = split({ revenue: 1000, parties: [{ name: 'A', share: 5 }, { name: 'B', share: 3 }, { name: 'C', share: 2, floor: 300 }] });
    expect(r.amounts).toEqual({ A: 437.5, B: 262.5, C: 300 });
    expect(r.sources.some((s) => s.quote.includes('保底') || s.quote.includes('基本收益'))).toBe(true);
  });

  it('repeats until no floor is violated', () => {
    // round 1: C 100 < 250 → C 250; A,B share 750 as 6:3 → A 500, B 250 < 300 → round 2: B 300; A 450
    const r = split({ revenue: 1000, parties: [{ name: 'A', share: 6 }, { name: 'B', share: 3, floor: 300 }, { name: 'C', share: 1, floor: 250 }] });
    expect(r.amounts).toEqual({ A: 450, B: 300, C: 250 });
  });

  it('leaves amounts unchanged when no floor binds', () => {
    expect(split({ revenue: 1000, parties: [{ name: 'A', share: 6, floor: 100 }, { name: 'B', share: 4, floor: 400 }] }).amounts).toEqual({ A: 600, B: 400 });
  });

  it('is an error when the floors exceed the amount being split', () => {
    expect(errorOf({ revenue: 1000, parties: [{ name: 'A', share: 1, floor: 600 }, { name: 'B', share: 1, floor: 500 }] })).toMatch(/floors add up to 1,100/);
    // with a baseline the amount being split is the increment
    expect(errorOf({ revenue: 1000, baseline: { amount: 500, owner: 'A' }, parties: [{ name: 'A', share: 1 }, { name: 'B', share: 1, floor: 600 }] })).toMatch(/floors/);
  });
});

describe('transition (buffer years)', () => {
  it('glides from the starting ratio to the target: from + (target − from) · y / N', () => {
    const r = split({
      revenue: 10_000_000,
      parties: [{ name: '飞出地', share: 6 }, { name: '飞入地', share: 4 }],
      transition: { years: 3, from: { 飞出地: 9, 飞入地: 1 } },
    });
    expect(r.schedule?.map((row) => row.year)).toEqual([1, 2, 3]);
    expect(r.schedule?.map((row) => row.shares)).toEqual([
      { 飞出地: 0.8, 飞入地: 0.2 },
      { 飞出地: 0.7, 飞入地: 0.3 },
      { 飞出地: 0.6, 飞入地: 0.4 },
    ]);
    expect(r.schedule?.[0].amounts).toEqual({ 飞出地: 8_000_000, 飞入地: 2_000_000 });
    expect(r.shares).toEqual({ 飞出地: 0.6, 飞入地: 0.4 });
    expect(r.sources.some((s) => s.quote.includes('缓冲年限'))).toBe(true);
  });

  it('uses revenueByYear when given, and a party missing from `from` starts at 0', () => {
    const r = split({
      revenue: 100,
      revenueByYear: [100, 200],
      parties: [{ name: 'A', share: 1 }, { name: 'B', share: 1 }],
      transition: { years: 2, from: { A: 1 } },
    });
    expect(r.schedule).toEqual([
      { year: 1, shares: { A: 0.75, B: 0.25 }, amounts: { A: 75, B: 25 } },
      { year: 2, shares: { A: 0.5, B: 0.5 }, amounts: { A: 100, B: 100 } },
    ]);
  });

  it('gives a constant-share schedule for revenueByYear without a transition', () => {
    const r = split({ revenue: 10, revenueByYear: [10, 20, 30], parties: [{ name: 'A', share: 1 }, { name: 'B', share: 4 }] });
    expect(r.schedule?.map((x) => x.amounts)).toEqual([{ A: 2, B: 8 }, { A: 4, B: 16 }, { A: 6, B: 24 }]);
  });
});

describe('indicator and relay chain', () => {
  it('labels the indicator and cites the indicator-sharing passage', () => {
    const r = split({ revenue: 5e8, indicator: 'GDP', parties: [{ name: 'A', share: 1 }, { name: 'B', share: 1 }] });
    expect(r.steps.join()).toContain('GDP');
    expect(r.sources.some((s) => s.quote.includes('GDP'))).toBe(true);
  });

  it('cites the relay chain for three relay nodes', () => {
    const r = split({ revenue: 1e7, parties: [{ name: '起始飞地', share: 5 }, { name: '中继飞地', share: 3 }, { name: '终端飞地', share: 2 }] });
    expect(r.amounts).toEqual({ 起始飞地: 5e6, 中继飞地: 3e6, 终端飞地: 2e6 });
    expect(r.sources.some((s) => s.quote.includes('跨节点'))).toBe(true);
  });
});

describe('errors: one clear line each', () => {
  const two = [{ name: 'A', share: 1 }, { name: 'B', share: 1 }];
  it.each([
    [{ revenue: -1, parties: two }, /revenue must not be negative/],
    [{ revenue: 'abc', parties: two }, /revenue must be a number/],
    [{ parties: two }, /revenue is required/],
    [{ revenue: 10, parties: [{ name: 'A', share: -1 }, { name: 'B', share: 1 }] }, /parties\[0\]\.share must not be negative/],
    [{ revenue: 10, parties: [{ name: 'A', share: 'x' }, { name: 'B', share: 1 }] }, /parties\[0\]\.share must be a number/],
    [{ revenue: 10, parties: [{ name: 'A', contributions: { land: -5 } }, { name: 'B', contributions: { land: 1 } }] }, /contributions\.land must not be negative/],
    [{ revenue: 10, parties: [] }, /at least two parties \(got 0\)/],
    [{ revenue: 10, parties: [{ name: 'A', share: 1 }] }, /at least two parties \(got 1\)/],
    [{ revenue: 10 }, /parties is required/],
    [{ revenue: 10, parties: two, baseline: { amount: 1, owner: 'Z' } }, /baseline\.owner "Z" is not one of the parties/],
    [{ revenue: 10, parties: two, transition: { years: 2, from: { Z: 1 } } }, /transition\.from names "Z"/],
    [{ revenue: 10, parties: [{ name: 'A', share: 0 }, { name: 'B', share: 0 }] }, /shares are all zero/],
    [{ revenue: 10, parties: [{ name: 'A', contributions: { k: 0 } }, { name: 'B', contributions: { k: 0 } }] }, /all zero/],
    [{ revenue: 10, parties: [{ name: 'A', share: 1 }, { name: 'B' }] }, /"B" has no share/],
    [{ revenue: 10, parties: [{ name: 'A' }, { name: 'B' }] }, /give each party a "share"/],
    [{ revenue: 10, parties: [{ name: 'A', share: 1 }, { name: 'A', share: 1 }] }, /both called "A"/],
    [[1, 2], /one JSON object/],
  ])('%j', (input, re) => {
    expect(errorOf(input)).toMatch(re);
  });
});

describe('estimate', () => {
  it('reproduces the corpus example: 2 km² at 250万元/亩 → 3000 亩, 750000万元 = 75亿元', () => {
    const r = estimateOutput({ area: { km2: 2 }, outputPerMu: 250, unit: '万元' });
    expect(r).toMatchObject({ mu: 3000, output: 750000 });
    expect(r.steps.join()).toContain('75亿元');
    expect(r.sources[0].quote).toContain('250万元');
  });

  it('takes 亩 directly and is exact with decimals', () => {
    expect(estimateOutput({ area: { mu: 450 }, outputPerMu: 0.1 })).toMatchObject({ mu: 450, output: 45 });
    expect(estimateOutput({ area: { km2: 0.3 }, outputPerMu: 3 })).toMatchObject({ mu: 450, output: 1350 });
  });

  it('rejects bad areas with a clear message', () => {
    for (const bad of [{ area: {}, outputPerMu: 1 }, { area: { km2: 1, mu: 1 }, outputPerMu: 1 }, { area: { km2: -1 }, outputPerMu: 1 }, { area: { km2: 1 } }]) {
      expect(() => estimateOutput(bad)).toThrow(UserError);
    }
  });
});

// ---------- properties ----------
const money = fc.integer({ min: 0, max: 10_000_000_000 }).map((c) => c / 100); // whole cents
const shareArb = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }).map((x) => Math.round(x * 1000) / 1000));
const partiesArb = fc
  .array(shareArb, { minLength: 2, maxLength: 6 })
  .filter((s) => s.some((x) => x > 0))
  .map((shares) => shares.map((share, i) => ({ name: `P${i}`, share })));

describe('properties', () => {
  it('amounts always add up to the revenue to the cent, with at most 2 decimals', () => {
    fc.assert(
      fc.property(money, partiesArb, (revenue, parties) => {
        const r = split({ revenue, parties });
        expect(sumCents(r.amounts)).toBe(cents(revenue));
        for (const v of Object.values(r.amounts)) expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('shares lie in [0, 1] and add up to 1 (within the 4-decimal rounding)', () => {
    fc.assert(
      fc.property(money, partiesArb, (revenue, parties) => {
        const shares = Object.values(split({ revenue, parties }).shares);
        for (const s of shares) expect(s >= 0 && s <= 1).toBe(true);
        expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(0.00005 * shares.length + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('floors are always respected, or the input is rejected because they exceed the amount', () => {
    const floored = fc.tuple(money, partiesArb, fc.array(fc.option(money, { nil: undefined }), { minLength: 6, maxLength: 6 }));
    fc.assert(
      fc.property(floored, ([revenue, parties, floors]) => {
        const input = { revenue, parties: parties.map((p, i) => (floors[i] === undefined ? p : { ...p, floor: floors[i] })) };
        const floorSum = input.parties.reduce((a, p) => a + cents((p as { floor?: number }).floor ?? 0), 0);
        if (floorSum > cents(revenue)) {
          expect(() => split(input)).toThrow(/floors add up/);
          return;
        }
        const r = split(input);
        for (const p of input.parties) expect(cents(r.amounts[p.name])).toBeGreaterThanOrEqual(cents((p as { floor?: number }).floor ?? 0));
        expect(sumCents(r.amounts)).toBe(cents(revenue));
      }),
      { numRuns: 300 },
    );
  });

  it('permuting the parties permutes the results (no ties in remainders)', () => {
    fc.assert(
      fc.property(money, partiesArb, fc.nat(), (revenue, parties, seed) => {
        const perm = [...parties].sort((a, b) => ((a.name.charCodeAt(1) * 7919 + seed) % 13) - ((b.name.charCodeAt(1) * 7919 + seed) % 13));
        const r1 = split({ revenue, parties });
        const r2 = split({ revenue, parties: perm });
        expect(r2.shares).toEqual(r1.shares);
        // with tied remainders the extra cent follows input order; elsewhere amounts are identical
        const total = parties.reduce((a, p) => a + p.share, 0);
        const remainders = parties.map((p) => Q.from(p.share).div(Q.from(total)).mul(Q.from(revenue)).mul(Q.int(100)));
        const fracs = remainders.map((x) => x.sub(Q.int(x.floor())).toFixed(12));
        if (new Set(fracs).size === fracs.length) expect(r2.amounts).toEqual(r1.amounts);
        else for (const p of parties) expect(Math.abs(cents(r2.amounts[p.name]) - cents(r1.amounts[p.name]))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('scaling all contributions (or all shares) by the same factor changes nothing', () => {
    const contribArb = fc.array(fc.record({ capital: fc.integer({ min: 0, max: 10_000 }), land: fc.integer({ min: 0, max: 10_000 }), tech: fc.integer({ min: 0, max: 100 }) }), { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(money, contribArb, fc.constantFrom(0.5, 2, 3, 10, 1000), (revenue, contribs, k) => {
        if (!contribs.some((c) => c.capital + c.land + c.tech > 0)) return;
        const mk = (f: number): SplitInput => ({
          revenue,
          parties: contribs.map((c, i) => ({ name: `P${i}`, contributions: { capital: c.capital * f, land: c.land * f, tech: c.tech * f } })),
        });
        const a = split(mk(1));
        const b = split(mk(k));
        expect(b.shares).toEqual(a.shares);
        expect(b.amounts).toEqual(a.amounts);
      }),
      { numRuns: 200 },
    );
  });
});

describe('phases (fixed ratios by period)', () => {
  const two = [{ name: '飞出地' }, { name: '飞入地' }];
  it('gives each year the ratio of its phase, in the same schedule shape as the glide', () => {
    const r = split({ revenue: 5e6, parties: two, phases: [{ years: 4, shares: { 飞出地: 9, 飞入地: 1 } }, { years: 2, shares: { 飞出地: 6, 飞入地: 4 } }] });
    expect(r.schedule?.map((y) => y.year)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.schedule?.[3]).toEqual({ year: 4, shares: { 飞出地: 0.9, 飞入地: 0.1 }, amounts: { 飞出地: 4.5e6, 飞入地: 5e5 } });
    expect(r.schedule?.[4]).toEqual({ year: 5, shares: { 飞出地: 0.6, 飞入地: 0.4 }, amounts: { 飞出地: 3e6, 飞入地: 2e6 } });
    // the top level is the lasting arrangement: the last phase
    expect(r.amounts).toEqual({ 飞出地: 3e6, 飞入地: 2e6 });
    expect(r.steps.some((s) => s.includes('第 1–4 年'))).toBe(true);
  });

  it('uses revenueByYear, floors and a party left out of a phase (0)', () => {
    const r = split({
      revenue: 100,
      revenueByYear: [100, 200, 300],
      parties: [{ name: 'A' }, { name: 'B', floor: 30 }],
      phases: [{ years: 1, shares: { A: 1 } }, { years: 2, shares: { A: 1, B: 1 } }],
    });
    expect(r.schedule?.map((y) => y.amounts)).toEqual([{ A: 70, B: 30 }, { A: 100, B: 100 }, { A: 150, B: 150 }]);
  });

  it('rejects what does not fit, with one line each', () => {
    expect(errorOf({ revenue: 1, parties: two, phases: [] })).toMatch(/phases needs at least one phase/);
    expect(errorOf({ revenue: 1, parties: two, phases: [{ years: 0, shares: { 飞出地: 1 } }] })).toMatch(/years must be at least 1/);
    expect(errorOf({ revenue: 1, parties: two, phases: [{ years: 1, shares: { 丽水: 1 } }] })).toMatch(/names "丽水", which is not one of the parties/);
    expect(errorOf({ revenue: 1, parties: two, phases: [{ years: 1, shares: { 飞出地: 0 } }] })).toMatch(/shares are all zero/);
    expect(errorOf({ revenue: 1, parties: [{ name: '飞出地', share: 1 }, { name: '飞入地' }], phases: [{ years: 1, shares: { 飞出地: 1 } }] })).toMatch(/remove the share/);
    expect(errorOf({ revenue: 1, parties: two, phases: [{ years: 1, shares: { 飞出地: 1 } }], transition: { years: 2, from: { 飞出地: 1 } } })).toMatch(/not both/);
    expect(errorOf({ revenue: 1, revenueByYear: [1, 2], parties: two, phases: [{ years: 3, shares: { 飞出地: 1 } }] })).toMatch(/add up to 3 years/);
    expect(errorOf({ revenue: 1, parties: two, phases: [{ years: 60, shares: { 飞出地: 1 } }, { years: 60, shares: { 飞出地: 1 } }] })).toMatch(/at most 100 years/);
  });
});

describe('carve-out (paid first, the rest split)', () => {
  it('pays the fixed amount first and splits the rest among the others, with the steps shown', () => {
    const r = split({ revenue: 1e7, parties: [{ name: '村集体' }, { name: 'A', share: 6 }, { name: 'B', share: 4 }], carveOut: [{ owner: '村集体', amount: 1e6 }] });
    expect(r.amounts).toEqual({ 村集体: 1e6, A: 5.4e6, B: 3.6e6 });
    expect(r.steps.some((s) => s.startsWith('优先支付') && s.includes('剩余 R = 10,000,000 − 1,000,000 = 9,000,000'))).toBe(true);
    expect(r.steps.some((s) => s.startsWith('加回优先支付：村集体'))).toBe(true);
  });

  it('an owner with a share of its own also shares the rest; the baseline comes out of the rest', () => {
    const r = split({ revenue: 1000, parties: [{ name: 'A', share: 1 }, { name: 'B', share: 1 }], carveOut: [{ owner: 'A', amount: 200 }], baseline: { amount: 200, owner: 'B' } });
    // 1000 − 200 (A first) = 800; B keeps 200; 600 split 1:1
    expect(r.amounts).toEqual({ A: 500, B: 500 });
  });

  it('a percentage off the top is that share of the revenue, paid first, the rest split by contributions, with the steps shown', () => {
    const r = split({ revenue: 26e6, parties: [{ name: '管委会' }, { name: '衢州', contributions: { 出资: 12e6 } }, { name: '杭州', contributions: { 出资: 18e6 } }], carveOut: [{ owner: '管委会', percent: 10 }] });
    expect(r.amounts).toEqual({ 管委会: 2.6e6, 衢州: 9.36e6, 杭州: 14.04e6 });
    expect(r.steps.some((s) => s.startsWith('优先支付') && s.includes('管委会 10% × 26,000,000 = 2,600,000') && s.includes('剩余 R = 26,000,000 − 2,600,000 = 23,400,000'))).toBe(true);
  });

  it('a percentage carve-out is of each year’s own revenue in a schedule', () => {
    const r = split({ revenue: 100, revenueByYear: [100, 200], parties: [{ name: 'F' }, { name: 'A', share: 1 }, { name: 'B', share: 1 }], carveOut: [{ owner: 'F', percent: 20 }] });
    expect(r.schedule?.map((y) => y.amounts)).toEqual([
      { F: 20, A: 40, B: 40 },
      { F: 40, A: 80, B: 80 },
    ]);
  });

  it('rejects a carve-out with both or neither of amount and percent, and percentages above 100', () => {
    const two = [{ name: 'A' }, { name: 'B', share: 1 }];
    expect(errorOf({ revenue: 1, parties: two, carveOut: [{ owner: 'A', amount: 1, percent: 1 }] })).toMatch(/carveOut\[0\] needs either "amount".*or "percent"/);
    expect(errorOf({ revenue: 1, parties: two, carveOut: [{ owner: 'A' }] })).toMatch(/carveOut\[0\] needs either/);
    expect(errorOf({ revenue: 1, parties: two, carveOut: [{ owner: 'A', percent: 101 }] })).toMatch(/percent must be at most 100/);
    expect(errorOf({ revenue: 1, parties: two, carveOut: [{ owner: 'A', percent: 60 }, { owner: 'A', percent: 50 }] })).toMatch(/add up to 110%, more than 100%/);
  });

  it('rejects carve-outs above the revenue and unknown owners', () => {
    expect(errorOf({ revenue: 100, parties: [{ name: 'A' }, { name: 'B', share: 1 }], carveOut: [{ owner: 'A', amount: 101 }] })).toMatch(/more than the revenue/);
    expect(errorOf({ revenue: 100, parties: [{ name: 'A', share: 1 }, { name: 'B', share: 1 }], carveOut: [{ owner: 'C', amount: 1 }] })).toMatch(/carveOut.owner "C" is not one of the parties/);
  });
});

describe('properties of phases and carve-outs', () => {
  it('a percentage carve-out owner gets that percentage of the revenue to the cent; the others split the remainder', () => {
    fc.assert(
      fc.property(money, partiesArb, fc.integer({ min: 0, max: 100 }), (revenue, parties, pct) => {
        const r = split({ revenue, parties: [{ name: 'X' }, ...parties], carveOut: [{ owner: 'X', percent: pct }] });
        const exact = (cents(revenue) * pct) / 100;
        expect(Math.abs(cents(r.amounts.X) - exact)).toBeLessThanOrEqual(1);
        expect(sumCents(r.amounts)).toBe(cents(revenue));
        const rest = split({ revenue: (cents(revenue) - cents(r.amounts.X)) / 100, parties });
        for (const p of parties) expect(Math.abs(cents(r.amounts[p.name]) - cents(rest.amounts[p.name]))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  const phasesArb = fc.array(fc.record({ years: fc.integer({ min: 1, max: 5 }), shares: fc.array(shareArb, { minLength: 3, maxLength: 3 }) }), { minLength: 1, maxLength: 4 }).filter((ps) => ps.every((p) => p.shares.some((x) => x > 0)));

  it('every year of a phased schedule adds up to that year’s revenue to the cent and follows its phase', () => {
    fc.assert(
      fc.property(money, phasesArb, (revenue, phases) => {
        const names = ['A', 'B', 'C'];
        const r = split({ revenue, parties: names.map((name) => ({ name })), phases: phases.map((p) => ({ years: p.years, shares: Object.fromEntries(names.map((n, i) => [n, p.shares[i]])) })) });
        const total = phases.reduce((a, p) => a + p.years, 0);
        expect(r.schedule?.length).toBe(total);
        let y = 0;
        for (const p of phases) {
          // each year equals the single-period split of its phase's ratio
          const single = split({ revenue, parties: names.map((name, i) => ({ name, share: p.shares[i] })) });
          for (let k = 0; k < p.years; k++, y++) {
            expect(sumCents(r.schedule![y].amounts)).toBe(cents(revenue));
            expect(r.schedule![y].amounts).toEqual(single.amounts);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a carve-out owner gets exactly its amount (no share of its own), the rest adds up to the remainder', () => {
    fc.assert(
      fc.property(money, partiesArb, fc.integer({ min: 0, max: 100 }), (revenue, parties, pct) => {
        const amount = Math.floor((cents(revenue) * pct) / 100) / 100;
        const r = split({ revenue, parties: [{ name: 'X' }, ...parties], carveOut: [{ owner: 'X', amount }] });
        expect(cents(r.amounts.X)).toBe(cents(amount));
        expect(sumCents(r.amounts)).toBe(cents(revenue));
        const rest = split({ revenue: (cents(revenue) - cents(amount)) / 100, parties });
        for (const p of parties) expect(Math.abs(cents(r.amounts[p.name]) - cents(rest.amounts[p.name]))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a revenue below the baseline', () => {
  it('goes wholly to the baseline owner, with nothing left to share, and says so in the steps', () => {
    const r = split({ revenue: 46_000_000, parties: [{ name: 'A县', share: 1 }, { name: 'B县', share: 1 }], baseline: { amount: 50_000_000, owner: 'B县' } });
    expect(r.amounts).toEqual({ A县: 0, B县: 46_000_000 });
    expect(r.steps.join('\n')).toMatch(/低于基数/);
  });

  it('in a schedule, only the short years keep it all', () => {
    const r = split({ revenue: 1_000_000, parties: [{ name: 'A', share: 1 }, { name: 'B', share: 1 }], baseline: { amount: 2_000_000, owner: 'A' }, years: 2, revenueByYear: [1_000_000, 4_000_000] });
    expect(r.schedule?.map((y) => y.amounts)).toEqual([{ A: 1_000_000, B: 0 }, { A: 3_000_000, B: 1_000_000 }]);
  });
});
