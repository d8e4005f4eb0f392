import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors';
import { parseNumeral } from '../src/tools/cn-number';
import { parseSplitText, splitFromText } from '../src/tools/split-text';

describe('Chinese and mixed numerals', () => {
  it.each([
    ['一千二百万', 12_000_000],
    ['1.5亿', 150_000_000],
    ['两亿', 200_000_000],
    ['一亿五千万', 150_000_000],
    ['1亿5000万', 150_000_000],
    ['3千万', 30_000_000],
    ['一万二', 12_000],
    ['一百零五', 105],
    ['十五', 15],
    ['二十', 20],
    ['一点五亿', 150_000_000],
    ['2400万', 24_000_000],
  ])('%s = %d', (text, value) => {
    expect(parseNumeral(text)?.toNumber()).toBe(value);
  });

  it('rejects what is not a numeral', () => {
    expect(parseNumeral('衢州')).toBeUndefined();
    expect(parseNumeral('')).toBeUndefined();
  });
});

describe('chat text as officials type it', () => {
  const ok = (text: string) => {
    const r = parseSplitText(text);
    if (!r.ok) throw new Error(`not parsed: ${r.message}`);
    return r;
  };

  it('衢州 60% 杭州 40% 税收 1.5亿', () => {
    const r = ok('衢州 60% 杭州 40% 税收 1.5亿');
    expect(r.input).toEqual({ revenue: 150_000_000, indicator: '税收', parties: [{ name: '衢州', share: 60 }, { name: '杭州', share: 40 }] });
    expect(splitFromText('衢州 60% 杭州 40% 税收 1.5亿').amounts).toEqual({ 衢州: 90_000_000, 杭州: 60_000_000 });
  });

  it('五五分成 2400万: default names 飞出地 / 飞入地', () => {
    const r = splitFromText('五五分成 2400万');
    expect(r.amounts).toEqual({ 飞出地: 12_000_000, 飞入地: 12_000_000 });
    expect(r.steps.join()).toContain('飞出地');
  });

  it('六四分成 1000万元: the first number goes to 飞出地, and the steps say so', () => {
    const r = splitFromText('六四分成 1000万元');
    expect(r.amounts).toEqual({ 飞出地: 6_000_000, 飞入地: 4_000_000 });
    expect(r.steps[0]).toContain('1000万元 = 10,000,000 元');
    expect(r.steps.some((s) => /第一个数字归飞出地/.test(s))).toBe(true);
  });

  it('三七开 300万', () => {
    expect(splitFromText('三七开 300万').amounts).toEqual({ 飞出地: 900_000, 飞入地: 2_100_000 });
  });

  it('甲 三成 乙 七成 收入 200万', () => {
    const r = ok('甲 三成 乙 七成 收入 200万');
    expect(r.input.parties).toEqual([{ name: '甲', share: 3 }, { name: '乙', share: 7 }]);
    expect(r.input.indicator).toBe('收入');
    expect(splitFromText('甲 三成 乙 七成 收入 200万').amounts).toEqual({ 甲: 600_000, 乙: 1_400_000 });
  });

  it('起始飞地 5 中继飞地 3 终端飞地 2 分 1000万元', () => {
    const r = ok('起始飞地 5 中继飞地 3 终端飞地 2 分 1000万元');
    expect(r.input.parties.map((p) => [p.name, p.role, p.share])).toEqual([
      ['起始飞地', '起始飞地', 5],
      ['中继飞地', '中继飞地', 3],
      ['终端飞地', '终端飞地', 2],
    ]);
    expect(splitFromText('起始飞地 5 中继飞地 3 终端飞地 2 分 1000万元').amounts).toEqual({ 起始飞地: 5e6, 中继飞地: 3e6, 终端飞地: 2e6 });
  });

  it.each([
    ['6:4 分成 500万', { 飞出地: 3e6, 飞入地: 2e6 }],
    ['6：4分成 一千二百万', { 飞出地: 7.2e6, 飞入地: 4.8e6 }],
    ['60%/40% 1000万', { 飞出地: 6e6, 飞入地: 4e6 }],
    ['衢州和杭州五五分成2400万', { 衢州: 1.2e7, 杭州: 1.2e7 }],
    ['衢州 杭州 四六分成 1000万', { 衢州: 4e6, 杭州: 6e6 }],
    ['衢州占60%，杭州占40%，税收1.5亿元', { 衢州: 9e7, 杭州: 6e7 }],
    ['三门县 六成 杭州 四成 GDP 两亿', { 三门县: 1.2e8, 杭州: 8e7 }],
    ['甲乙三七分 300万', { 甲: 9e5, 乙: 2.1e6 }],
    ['1,000万 四六分成', { 飞出地: 4e6, 飞入地: 6e6 }],
    ['Quzhou 60% Hangzhou 40% tax 150 million', { Quzhou: 9e7, Hangzhou: 6e7 }],
    ['split 60/40 of 10 million yuan', { 飞出地: 6e6, 飞入地: 4e6 }],
  ])('%s', (text, amounts) => {
    expect(splitFromText(text).amounts).toEqual(amounts);
  });

  it('reads a floor (保底) and a baseline (基数 … 归 …)', () => {
    expect(ok('村集体 10% 保底 100万 开发区 90% 收入 800万').input.parties[0]).toEqual({ name: '村集体', share: 10, floor: 1_000_000 });
    const r = splitFromText('衢州 5 杭州 5 基数 200万 归衢州 收入 1000万');
    expect(r.amounts).toEqual({ 衢州: 6_000_000, 杭州: 4_000_000 });
  });
});

describe('missing or ambiguous text: say what is missing, with an example, never guess', () => {
  it.each([
    ['60%/40%', 'revenue', /金额/],
    ['分成 1000万', 'ratio', /比例/],
    ['衢州 60% 1000万', 'parties', /另一方/],
    ['衢州 60% 杭州 30% 1000万', 'ratio', /合计是 90%/],
    ['甲 三成 乙 六成 100万', 'ratio', /十成/],
    ['1000万 2000万 六四分成', 'revenue', /2 个金额/],
    ['衢州 杭州 丽水 六四分成 1000万', 'parties', /对不上/],
    ['今天天气怎么样', 'ratio', /没有找到分成比例和金额/],
    ['', 'ratio', /没有内容/],
    ['60/40 split', 'revenue', /amount to split is missing/],
    ['衢州 60%', 'parties', /只写了一方（衢州），另一方是谁/],
  ])('%s → missing %s', (text, missing, re) => {
    const r = parseSplitText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toContain(missing);
    expect(r.message).toMatch(re);
    expect(r.example.length).toBeGreaterThan(0);
    expect(parseSplitText(r.example).ok || r.example.includes(text)).toBe(true);
  });

  it('one party with a share and one without: the other gets the rest, and the steps say so', () => {
    const r = splitFromText('衢州 60% 杭州 1000万');
    expect(r.amounts).toEqual({ 衢州: 6_000_000, 杭州: 4_000_000 });
    expect(r.steps.some((s) => /杭州 得其余部分：100 − 60 = 40%/.test(s))).toBe(true);
  });

  it('splitFromText turns a missing piece into one UserError line with an example', () => {
    expect(() => splitFromText('60%/40%')).toThrow(UserError);
    try {
      splitFromText('六四分成');
    } catch (e) {
      expect((e as Error).message).toMatch(/例如/);
      expect((e as Error).message).not.toContain('\n');
    }
  });
});
