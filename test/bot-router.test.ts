import { describe, expect, it } from 'vitest';
import { detectIntent, isFollowUp } from '../src/chat/intent';
import { ChatRouter } from '../src/chat/router';
import { newChatSession } from '../src/chat/types';
import { splitForm, splitFormInput, modeForm, modeFormInput } from '../src/chat/forms';
import { parseAmount, parseNumberList } from '../src/chat/numbers';
import { renderText } from '../src/terminal/render';
import { fakeServices } from './helpers/fake-chat-services';
import { classifyMode } from '../src/tools/classify';
import type { ModeOutcome } from '../src/chat/ports';

describe('detectIntent', () => {
  const cases: Array<[string, string]> = [
    // splits (zh and en)
    ['衢州 60% 杭州 40% 税收 1.5亿', 'split'],
    ['六四分成 1000万', 'split'],
    ['五五分成 2400万', 'split'],
    ['三七开 300万', 'split'],
    ['甲 三成 乙 七成 收入 200万', 'split'],
    ['起始飞地 5 中继飞地 3 终端飞地 2 分 1000万元', 'split'],
    ['6:4 split of 10 million', 'split'],
    ['Split 10 million 60/40 between Quzhou and Hangzhou', 'split'],
    ['六四分成', 'split'],
    // questions
    ['什么是消薄飞地？', 'ask'],
    ['飞地接力是什么', 'ask'],
    ['那收益怎么分？', 'ask'],
    ['税收分成比例一般怎么定？', 'ask'],
    ['What is a reverse enclave?', 'ask'],
    ['How are tax revenues shared between the two regions', 'ask'],
    ['飞地接力', 'ask'],
    // (colloquial asking words, no question mark: 哪年, 咋, 啥, 谁, 几个)
    ['山海协作工程哪年开始的 有的说2001年有的说2002年', 'ask'],
    ['消薄飞地到底是咋回事', 'ask'],
    ['衢州在外地建了几个飞地', 'ask'],
    // partnership descriptions
    ['杭州在衢州共建产业园，衢州提供土地，杭州企业投资设厂', 'mode'],
    ['山区县在杭州设立研发飞地，孵化成果回本地生产', 'mode'],
    ['A mountain county sets up an R&D centre in Hangzhou and brings the results home for production', 'mode'],
    ['这个合作属于什么模式？', 'mode'],
    // greetings and unclear
    ['你好', 'greeting'],
    ['hello', 'greeting'],
    ['asdf qwer', 'unclear'],
    ['明天开会', 'unclear'],
  ];
  it.each(cases)('%s → %s', (text, intent) => {
    expect(detectIntent(text).intent).toBe(intent);
  });

  it('recognises follow-ups', () => {
    expect(isFollowUp('那收益怎么分？')).toBe(true);
    expect(isFollowUp('What about the tax?')).toBe(true);
    expect(isFollowUp('什么是飞地接力，它有哪些节点？')).toBe(false);
  });
});

describe('numbers', () => {
  it('reads amounts as officials write them', () => {
    expect(parseAmount('1.5亿')).toBe(150_000_000);
    expect(parseAmount('1000万元')).toBe(10_000_000);
    expect(parseAmount('2,400,000')).toBe(2_400_000);
    expect(parseAmount('10 million')).toBe(10_000_000);
    expect(parseAmount('三千万')).toBe(30_000_000);
    expect(parseAmount('很多钱')).toBeUndefined();
    expect(parseAmount('十二')).toBe(12);
    // the tools' numeral reader: mixed and decimal Chinese numerals
    expect(parseAmount('1亿5000万')).toBe(150_000_000);
    expect(parseAmount('一亿五千万')).toBe(150_000_000);
    expect(parseAmount('一点五亿元')).toBe(150_000_000);
    expect(parseAmount('1.5 billion')).toBe(1_500_000_000);
    expect(parseNumberList('6:4')).toEqual([6, 4]);
    expect(parseNumberList('60% 40%')).toEqual([60, 40]);
    expect(parseNumberList('六：四')).toEqual([6, 4]);
  });
});

describe('ChatRouter', () => {
  const turn = (lang: 'zh' | 'en' = 'zh') => ({ session: newChatSession(), lang });

  it('answers a question with numbered citations and the two buttons', async () => {
    const { services } = fakeServices();
    const r = await new ChatRouter(services).handleText('什么是消薄飞地？', turn());
    expect(r.intent).toBe('ask');
    const { text } = renderText(r.replies[0]);
    expect(text).toContain('ANSWER(什么是消薄飞地？)');
    expect(text).toContain('[1] 山海协作飞地 › 一、概述');
    expect(r.replies[0].buttons!.flat().map((b) => b.action)).toEqual(['src:1', 'fu']);
  });

  it('passes the previous question as context to a follow-up', async () => {
    const { services, calls } = fakeServices();
    const router = new ChatRouter(services);
    const t = turn();
    await router.handleText('什么是消薄飞地？', t);
    await router.handleText('那收益怎么分？', t);
    expect(calls.ask[0].options?.context).toBeUndefined();
    expect(calls.ask[1].options?.context).toBe('什么是消薄飞地？');
    // a new, self-contained question is not a follow-up
    await router.handleText('飞地接力有哪些节点？', t);
    expect(calls.ask[2].options?.context).toBeUndefined();
  });

  it('the follow-up button makes the next text a follow-up', async () => {
    const { services, calls } = fakeServices();
    const router = new ChatRouter(services);
    const t = turn('en');
    await router.handleText('What is a xiaobo enclave?', t);
    const fu = await router.handleAction('fu', t);
    expect(renderText(fu.replies[0]).text).toMatch(/follow-up/i);
    await router.handleText('Who gets the dividends in the village?', t);
    expect(calls.ask[1].options?.context).toBe('What is a xiaobo enclave?');
  });

  it('the sources button re-renders the answer with the quotes, as an edit', async () => {
    const { services } = fakeServices();
    const router = new ChatRouter(services);
    const t = turn();
    await router.handleText('什么是消薄飞地？', t);
    const r = await router.handleAction('src:1', t);
    expect(r.edit).toBe(true);
    expect(renderText(r.replies[0]).text).toContain('飞地经济是一种跨区域合作模式。');
    expect(r.replies[0].buttons!.flat().map((b) => b.action)).toEqual(['fu']);
  });

  it('computes a split from chat text, and explains a bad one', async () => {
    const { services } = fakeServices();
    const router = new ChatRouter(services);
    const ok = await router.handleText('六四分成 1000万', turn());
    expect(ok.intent).toBe('split');
    expect(ok.outcome).toBe('ok');
    const text = renderText(ok.replies[0]).text;
    expect(text).toMatch(/飞出地\s+60\.00%\s+6,000,000\.00/);
    expect(text).toContain('收益分成比例由双方协商确定。');
    const bad = await router.handleText('六四分成', turn());
    expect(bad.outcome).toBe('user_error');
    expect(renderText(bad.replies[0]).text).toContain('missing the amount to split, e.g. 六四分成 1000万');
  });

  it('classifies a partnership description', async () => {
    const { services, calls } = fakeServices();
    const r = await new ChatRouter(services).handleText('杭州在衢州共建产业园，衢州提供土地，杭州企业投资设厂', turn());
    expect(r.intent).toBe('mode');
    expect(calls.mode).toHaveLength(1);
    expect(renderText(r.replies[0]).text).toContain('正向飞地');
  });

  it('lets the classifier recognise a description the keyword rules read as a topic', async () => {
    const { services, calls } = fakeServices();
    const real = { ...services, classifyMode: (input: Parameters<typeof classifyMode>[0]) => (calls.mode.push(String(input)), classifyMode(input) as ModeOutcome) };
    const router = new ChatRouter(real);
    const described = await router.handleText('集体经济薄弱村抱团到杭州建园区', turn());
    expect(described.intent).toBe('mode');
    expect(calls.mode).toContain('集体经济薄弱村抱团到杭州建园区');
    // A bare term stays a question about it; text the classifier cannot place is not forced into a mode.
    expect((await router.handleText('消薄飞地', turn())).intent).toBe('ask');
    expect((await router.handleText('明天下午三点在会议室开会讨论预算', turn())).intent).not.toBe('mode');
  });

  it('asks with buttons when the intent is unclear, then acts on the choice', async () => {
    const { services, calls } = fakeServices();
    const router = new ChatRouter(services);
    const t = turn();
    const r = await router.handleText('明天开会', t);
    expect(r.outcome).toBe('clarify');
    expect(r.replies[0].buttons!.flat().map((b) => b.action)).toEqual(['int:ask', 'int:split', 'int:mode']);
    await router.handleAction('int:ask', t);
    expect(calls.ask.at(-1)!.question).toBe('明天开会');
    const again = await router.handleAction('int:ask', t);
    expect(again.outcome).toBe('user_error');
  });

  it('handles bad input clearly', async () => {
    const { services } = fakeServices();
    const router = new ChatRouter(services);
    expect((await router.handleText('   ', turn())).outcome).toBe('user_error');
    const long = await router.handleText('飞'.repeat(20_000), turn('en'));
    expect(long.outcome).toBe('user_error');
    expect(renderText(long.replies[0]).text).toMatch(/too long/);
    const unknown = await router.handleText('/frobnicate', turn('en'));
    expect(renderText(unknown.replies[0]).text).toMatch(/Unknown command/);
  });

  it('switches language with /lang and lists the sources', async () => {
    const { services } = fakeServices();
    const router = new ChatRouter(services);
    const t = turn('zh');
    await router.handleText('/lang en', t);
    expect(t.session.lang).toBe('en');
    const s = await router.handleText('/sources', { ...t, lang: 'en' });
    expect(renderText(s.replies[0]).text).toContain('山海协作飞地');
    expect((await router.handleText('/split', t)).startForm).toBe('split');
  });
});

describe('guided forms', () => {
  function run<S>(form: typeof splitForm | typeof modeForm, answers: string[], lang: 'zh' | 'en' = 'zh') {
    let state: any = form.initial();
    const errors: string[] = [];
    for (const a of answers) {
      const step = form.next(state);
      if (!step) throw new Error('form ended early');
      const res = step.accept(a, state, lang);
      if (res.ok) state = res.state;
      else errors.push(res.error);
    }
    return { state: state as S, done: form.next(state) === undefined, errors };
  }

  it('walks the split form to calculator input, rejecting bad steps with an example', () => {
    const { state, done, errors } = run<any>(splitForm, ['衢州', '衢州, 杭州', '1', '6:4:1', '6:4', '1.5亿', '杭州 9亿', '杭州 2000万', '3', '5:5', '衢州 1000万']);
    expect(done).toBe(true);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('例：衢州, 杭州');
    expect(errors[1]).toContain('6:4');
    expect(splitFormInput(state)).toEqual({
      revenue: 150_000_000,
      parties: [
        { name: '衢州', share: 6 },
        { name: '杭州', share: 4, floor: 20_000_000 },
      ],
      baseline: { amount: 10_000_000, owner: '衢州' },
      transition: { years: 3, from: { 衢州: 5, 杭州: 5 } },
    });
  });

  it('takes contributions per party, and "none" answers', () => {
    const { state, done } = run<any>(splitForm, ['A, B', '2', '资金 3000 土地 200', 'capital 1000', '1000万', '无', 'none', 'skip'], 'en');
    expect(done).toBe(true);
    expect(splitFormInput(state)).toEqual({
      revenue: 10_000_000,
      parties: [
        { name: 'A', contributions: { 资金: 3000, 土地: 200 } },
        { name: 'B', contributions: { capital: 1000 } },
      ],
    });
  });

  it('builds a description from the mode form', () => {
    const { state, done } = run<any>(modeForm, ['衢州, 杭州', 'mf:reverse', 'mf:village', '成果回衢州转化']);
    expect(done).toBe(true);
    expect(modeFormInput(state)).toEqual({
      moreDeveloped: 'host',
      rdLocation: 'developed',
      productionLocation: 'less_developed',
      participants: ['village_collectives'],
      flows: ['land_quota', 'capital'],
      text: '衢州与杭州开展合作。成果回衢州转化',
    });
  });
});
