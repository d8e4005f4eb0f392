/**
 * Mechanisms of round 7, each on the real offline advisor or its pure pieces (our own wordings, not the
 * blind sets'): numerals in words, verb phrases jieba does not know, a place kind with a modifier,
 * what a text says as a part of its own, money asked as 多少钱, and a follow-up pointing at one item.
 */
import { describe, expect, it } from 'vitest';
import { resolveFollowUp } from '../src/advisor/analyse';
import { questionParts } from '../src/advisor/parts';
import type { CorpusStats } from '../src/advisor/stats';
import type { Concept } from '../src/advisor/terms';
import { placeKind } from '../src/advisor/select';
import { numeralForms, zhInteger, zhRole } from '../src/advisor/terms';
import { questionType } from '../src/knowledge/question-type';
import { useRealAdvisor } from './helpers/real-advisor';

const fx = useRealAdvisor('advisor-round7');

describe('numerals in words', () => {
  it('reads Chinese numerals below ten thousand, units falling', () => {
    expect(zhInteger('三百五十')).toBe(350);
    expect(zhInteger('十二')).toBe(12);
    expect(zhInteger('两千零五')).toBe(2005);
    expect(zhInteger('一一')).toBeUndefined();
    expect(zhInteger('百千')).toBeUndefined();
  });
  it('gives a figure in words the papers\u2019 digit form, keeping 万 and 亿 as units', () => {
    expect(numeralForms('一百公里')).toContain('100公里');
    expect(numeralForms('三千亩')).toContain('3000亩');
    expect(numeralForms('两千万')).toContain('2000万');
    // units alone are words, not numbers
    expect(numeralForms('千万')).toEqual([]);
    expect(numeralForms('百姓')).toEqual([]);
  });
});

describe('words of the question', () => {
  it('a verb with its complement or measure word is not a name, a place still is', () => {
    expect(zhRole('挪到')).toBe('other');
    expect(zhRole('有个')).toBe('other');
    expect(zhRole('深汕')).toBe('entity');
  });
  it('a place kind with a modifier asks for places', () => {
    expect(placeKind('衢州在哪些外省城市建过飞地', [])).toBeDefined();
    expect(placeKind('衢州有哪些做法', [])).toBeUndefined();
  });
  it('"what are all the …" and "那几个…都是什么" ask for a list', () => {
    expect(questionType('What are all the hurdles the land-bridge paper names?')).toBe('list');
    expect(questionType('What are all of those approaches?')).toBe('list');
    expect(questionType('浙江要建的那几个机制都是什么')).toBe('list');
    expect(questionType('What is the land-bridge paper about?')).not.toBe('list');
  });
  it('asking how a text puts something is a part of its own, beside a figure', () => {
    expect(questionParts('那份意见 文号是多少 对税收分成是怎么规定的')).toHaveLength(2);
    expect(questionParts('那份意见是怎么规定的')).toHaveLength(1);
  });
});

describe('follow-ups', () => {
  const concept = (label: string, kind: Concept['kind'] = 'zh'): Concept => ({ label, alts: [label], kind, weight: 1, idf: 1, role: kind === 'num' ? 'other' : 'noun' });
  const stats = { df: () => 1, n: 100 } as unknown as CorpusStats;
  it('keep the year the previous question asked about, unless they name their own', () => {
    const previous = [concept('消薄飞地'), concept('目标'), concept('2022', 'num')];
    const r = resolveFollowUp('那科创飞地呢', '到2022年消薄飞地的目标是什么', [concept('科创飞地')], previous, stats);
    expect(r.replaced).toEqual(['消薄飞地']);
    expect(r.carried).toContain('2022');
    const own = resolveFollowUp('那2025年科创飞地呢', '到2022年消薄飞地的目标是什么', [concept('科创飞地'), concept('2025', 'num')], previous, stats);
    expect(own.carried).not.toContain('2022');
  });
});

describe('on the real advisor', () => {
  it('answers 多少钱 with a figure in yuan', async () => {
    const res = await fx.advisor.ask('山区26县2022年一般公共预算收入 平均一个县多少钱');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('21.56');
  });
  it('answers a follow-up on one item from inside it, not with the list asked before', async () => {
    const context = '衢州海创园创新跨域重组有哪两种典型模式？';
    const res = await fx.advisor.ask('第二种模式能举个例子吗', { context });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('传媒信息技术');
    expect(res.answer).not.toContain('典型模式一');
  });
  it('answers an example asked for with the example, not with a list a sentence announces', async () => {
    const res = await fx.advisor.ask('能举个例子不', { context: '衢州海创园“在杭初创孵化、回流衢州生产”这个模式具体怎么运作' });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('气动');
    expect(res.answer).not.toMatch(/共 \d 点/);
  });
  it('answers "how to fix it" from the one measure its carried subject singles out, not the whole list', async () => {
    const res = await fx.advisor.ask('有什么解决办法', { context: '26县产业飞地的利益分配有啥问题' });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('股份制管理服务公司');
    expect(res.answer).not.toContain('数字化技术');
  });
  it('answers an example asked for with a sentence naming particular places when no sentence says 例如', async () => {
    const res = await fx.advisor.ask('有没有具体例子', { context: '山区26县交通基础设施方面有啥短板' });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('铁路尚未通车');
  });
  it('answers a question in parts as a whole when one part read alone finds nothing', async () => {
    const res = await fx.advisor.ask('衢州在外地设过哪些孵化平台或者科创飞地？都在哪些城市？');
    expect(res.answered).toBe(true);
    expect(res.answer).not.toMatch(/语料未涉及这一问/);
    for (const city of ['上海', '北京']) expect(res.answer).toContain(city);
  });
  it('keeps a follow-up in the paper the previous question was answered from', async () => {
    const res = await fx.advisor.ask('能举个例子吗', { context: '反向飞地怎么帮欠发达地区企业解决招人难' });
    expect(res.answered).toBe(true);
    expect(res.answer).toMatch(/气动|传媒/);
    expect(res.citations[0]?.source).toMatch(/^003_/);
  });
  it('declines a question on a district no paper names, though jieba does not know it as a place', async () => {
    const res = await fx.advisor.ask('丽水在上海闵行合作的飞地产业园税收怎么分');
    expect(res.answered).toBe(false);
    expect(res.answer).toContain('闵行');
  });
  it('reads a domain term typed with a homophone', async () => {
    const res = await fx.advisor.ask('科创走郎是什么意思');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('带状空间组织形式');
  });
  it('lists every place a named city set up platforms in, across papers', async () => {
    const res = await fx.advisor.ask('衢州在哪些外地城市设了孵化平台或者创新飞地？');
    for (const city of ['上海', '北京', '深圳']) expect(res.answer).toContain(city);
  });
});
