/**
 * The table of natural split requests (test/fixtures/split-requests.jsonl, written by hand with each
 * expected calculation worked out independently): every request goes through the chat-text parser
 * and the calculator and must come out exact to the cent (per year for schedules); the clarify
 * items must be refused with one line that names what is missing. The same file feeds
 * `npm run eval:split -- --set test/fixtures/split-requests.jsonl` through the real CLI.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EvalItemSchema, judge, type EvalItem } from '../eval/split-parse-lib';
import { parseSplitText, splitFromText } from '../src/tools/split-text';

const items = readFileSync(new URL('./fixtures/split-requests.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => EvalItemSchema.parse(JSON.parse(l)));

describe('natural split requests: parser + calculator', () => {
  it('has at least 100 computed requests in Chinese and English, with 2–4 parties and schedules', () => {
    const computed = items.filter((i) => !('clarify' in i.expect));
    expect(computed.length).toBeGreaterThanOrEqual(100);
    expect(computed.filter((i) => !/\p{Script=Han}/u.test(i.text)).length).toBeGreaterThanOrEqual(20);
    const partiesOf = (e: EvalItem['expect']) => ('amounts' in e ? e.amounts : 'years' in e ? e.years[0].amounts : {});
    const sizes = new Set(computed.map((i) => Object.keys(partiesOf(i.expect)).length));
    expect([...sizes].sort()).toEqual([2, 3, 4]);
    expect(computed.filter((i) => 'years' in i.expect).length).toBeGreaterThanOrEqual(15);
  });

  it.each(items.map((i) => [i.id, i.text, i] as const))('%s %s', (_id, text, item) => {
    let outcome: Parameters<typeof judge>[1];
    try {
      const r = splitFromText(text);
      outcome = { ok: true, result: r };
    } catch (e) {
      expect((e as Error).name).toBe('UserError');
      outcome = { ok: false, message: (e as Error).message };
    }
    const verdict = judge(item, outcome);
    expect(verdict.detail).toBe('');
    expect(verdict.right).toBe(true);
  });
});

describe('the sentences of issue 13 fall out of the grammar', () => {
  it.each([
    ['帮忙算算：金华 65%，武义 35%，总共 900 万', { 金华: 5_850_000, 武义: 3_150_000 }],
    ['3000万按7:3分给龙游和杭州', { 龙游: 21_000_000, 杭州: 9_000_000 }],
    ['园区去年上缴地方税收8000万元，按照飞出地55%、飞入地45%分成', { 飞出地: 44_000_000, 飞入地: 36_000_000 }],
    ['基数200万归飞入地，超出部分两边对半，今年税收700万', { 飞入地: 4_500_000, 飞出地: 2_500_000 }],
    ['遂昌出资8000万，杭州出地折价2000万，利润3000万按出资比例分', { 遂昌: 24_000_000, 杭州: 6_000_000 }],
    ['村集体保底100万，剩下的 A 和 B 六四分，收益 1000 万', { 村集体: 1_000_000, A: 5_400_000, B: 3_600_000 }],
  ])('%s', (text, amounts) => {
    expect(splitFromText(text).amounts).toEqual(amounts);
  });

  it('前四年飞出地拿九成，之后六四分，每年税收500万，算6年 → a phased schedule', () => {
    const r = splitFromText('前四年飞出地拿九成，之后六四分，每年税收500万，算6年');
    expect(r.schedule?.map((y) => y.amounts)).toEqual([
      ...Array(4).fill({ 飞出地: 4_500_000, 飞入地: 500_000 }),
      ...Array(2).fill({ 飞出地: 3_000_000, 飞入地: 2_000_000 }),
    ]);
  });

  it('no party is ever named after a function word', () => {
    // 园区 alone is the topic, but 园区管委会 / 园区运营公司 are role nouns (parties in their own right)
    const FUNCTION_WORD = /^(?:分给|按照|按|超出部分|两边|帮忙算算|帮忙|请问|麻烦|今年|去年|园区(?!管委会|管理委员会|运营|平台|开发公司|公司)|上缴|地方|剩下的|其余|之后|和|与|的|归|给|由|分给|留给)/;
    for (const i of items) {
      const r = parseSplitText(i.text);
      if (r.ok) for (const p of r.input.parties) expect(p.name, i.text).not.toMatch(FUNCTION_WORD);
    }
  });
});

describe('ambiguous requests get one question with choices, and the answer completes them', () => {
  it('a ratio without saying who gets which part: 衢州拿六成还是四成？', () => {
    const r = parseSplitText('衢州在杭州设飞地，税收1000万，六四分成');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.question?.kind).toBe('ratio_owner');
    expect(r.question?.zh).toBe('衢州拿六成还是四成？');
    expect(r.question?.options.map((o) => o.zh)).toEqual(['衢州 六成', '衢州 四成']);
    const second = splitFromText('衢州在杭州设飞地，税收1000万，六四分成', r.question!.options[1].hints);
    expect(second.amounts).toEqual({ 衢州: 4_000_000, 杭州: 6_000_000 });
  });

  it('two totals: the chosen one is split', () => {
    const r = parseSplitText('税收1000万，利润800万，六四分');
    if (r.ok) throw new Error('expected a question');
    expect(r.question?.kind).toBe('two_totals');
    expect(splitFromText('税收1000万，利润800万，六四分', r.question!.options[1].hints).amounts).toEqual({ 飞出地: 4_800_000, 飞入地: 3_200_000 });
  });

  it('a missing total is asked for, and a typed amount completes it', () => {
    const r = parseSplitText('衢州和杭州六四分');
    if (r.ok) throw new Error('expected a question');
    expect(r.missing).toEqual(['revenue']);
    expect(r.question?.typed).toBe('amount');
    expect(splitFromText('衢州和杭州六四分', { revenue: 1_000_000 }).amounts).toEqual({ 衢州: 600_000, 杭州: 400_000 });
  });

  it('a phased schedule without its length asks for the years', () => {
    const r = parseSplitText('前三年九一，之后六四，每年税收500万');
    if (r.ok) throw new Error('expected a question');
    expect(r.question?.kind).toBe('years');
    const done = splitFromText('前三年九一，之后六四，每年税收500万', { years: 5 });
    expect(done.schedule?.length).toBe(5);
    expect(done.schedule?.[4].amounts).toEqual({ 飞出地: 3_000_000, 飞入地: 2_000_000 });
  });

  it('a missing other party is asked for by name', () => {
    const r = parseSplitText('衢州 60% 1000万');
    if (r.ok) throw new Error('expected a question');
    expect(r.question?.kind).toBe('other_party');
    expect(splitFromText('衢州 60% 1000万', { other: '杭州' }).amounts).toEqual({ 衢州: 6_000_000, 杭州: 4_000_000 });
  });

  it('whose baseline: the buttons are the parties', () => {
    const r = parseSplitText('基数 200 万，衢州和杭州五五分，税收 800 万');
    if (r.ok) throw new Error('expected a question');
    expect(r.question?.options.map((o) => o.zh)).toEqual(['衢州', '杭州']);
    expect(splitFromText('基数 200 万，衢州和杭州五五分，税收 800 万', r.question!.options[0].hints).amounts).toEqual({ 衢州: 5_000_000, 杭州: 3_000_000 });
  });

  it('every refusal is one line that says what is missing', () => {
    for (const i of items.filter((x) => 'clarify' in x.expect)) {
      try {
        splitFromText(i.text);
        throw new Error(`not refused: ${i.text}`);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
        expect((e as Error).message).toMatch(/例如|Example|请|give|write|add|type|e\.g\./i);
      }
    }
  });
});
