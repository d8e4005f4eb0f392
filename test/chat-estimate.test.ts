/** `/estimate` from chat text: the parser, the reply, and its chart request. */
import { describe, expect, it } from 'vitest';
import { estimateInputFromText } from '../src/chat/estimate';
import { ChatRouter } from '../src/chat/router';
import { newChatSession } from '../src/chat/types';
import { renderText } from '../src/terminal/render';
import { estimateOutput } from '../src/tools';
import { fakeServices } from './helpers/fake-chat-services';

describe('estimateInputFromText', () => {
  it.each([
    ['2平方公里 亩均250万元', { area: { km2: 2 }, outputPerMu: 250, unit: '万元' }],
    ['面积 3000 亩，亩均产出 250 万元', { area: { mu: 3000 }, outputPerMu: 250, unit: '万元' }],
    ['1.5万亩 每亩 80万', { area: { mu: 15000 }, outputPerMu: 80, unit: '万元' }],
    ['2 km2 250万元/亩', { area: { km2: 2 }, outputPerMu: 250, unit: '万元' }],
    ['0.5 square kilometres, 1200 yuan per mu', { area: { km2: 0.5 }, outputPerMu: 1200, unit: '元' }],
    ['3000 mu 250 per mu', { area: { mu: 3000 }, outputPerMu: 250 }],
  ])('%s', (text, expected) => {
    expect(estimateInputFromText(text)).toEqual(expected);
  });

  it('says what is missing, with an example', () => {
    expect(() => estimateInputFromText('亩均250万元')).toThrow(/area is missing.*\/estimate 2平方公里 亩均250万元/);
    expect(() => estimateInputFromText('2平方公里')).toThrow(/output per 亩 is missing/);
    expect(() => estimateInputFromText('多少钱')).toThrow(/give the area and the output per 亩/);
  });
});

describe('/estimate through the router', () => {
  const { services } = fakeServices();
  const router = new ChatRouter({ ...services, estimate: (i) => estimateOutput(i) });

  it('answers with the figure and steps; a channel with media gets the chart with its inputs', async () => {
    const session = newChatSession();
    const plain = await router.handleText('/estimate 2平方公里 亩均250万元', { session, lang: 'zh' });
    expect(plain.outcome).toBe('ok');
    expect(plain.replies[0].attachment).toBeUndefined();
    const text = renderText(plain.replies[0]).text;
    expect(text).toContain('750,000 万元（75亿元）');
    expect(text).toContain('面积：2 平方公里 × 1500 亩/平方公里 = 3,000 亩');

    const withMedia = await router.handleText('/estimate 2平方公里 亩均250万元', { session, lang: 'en', media: true });
    expect(withMedia.replies[0].attachment).toEqual({
      kind: 'estimate-chart',
      lang: 'en',
      data: { area: { km2: 2 }, outputPerMu: 250, unit: '万元', mu: 3000, output: 750000 },
      caption: 'Output estimate: 750,000 万元 (7.5 billion yuan)',
    });
  });

  it('bad or missing input: one clear line, no chart', async () => {
    const r = await router.handleText('/estimate 亩均250万元', { session: newChatSession(), lang: 'zh', media: true });
    expect(r.outcome).toBe('user_error');
    expect(r.replies[0].attachment).toBeUndefined();
    expect(renderText(r.replies[0]).text).toMatch(/^产出没能估算：the area is missing/);
    const empty = await router.handleText('/estimate', { session: newChatSession(), lang: 'en' });
    expect(renderText(empty.replies[0]).text).toMatch(/Could not estimate: give the area/);
    const noService = await new ChatRouter(services).handleText('/estimate 2平方公里 亩均250万元', { session: newChatSession(), lang: 'zh' });
    expect(noService.outcome).toBe('user_error');
  });

  it('a split gets the Excel button and chart only where the channel sends media, and the session keeps a bounded few', async () => {
    const session = newChatSession();
    const plain = await router.handleText('六四分成 1000万', { session, lang: 'zh' });
    expect(plain.replies[0].attachment).toBeUndefined();
    expect(session.splits).toEqual([]);
    for (let i = 0; i < 5; i++) await router.handleText('六四分成 1000万', { session, lang: 'zh', media: true });
    expect(session.splits).toHaveLength(3);
    const r = await router.handleText('六四分成 1000万', { session, lang: 'zh', media: true });
    const action = r.replies[0].buttons!.flat().find((b) => b.action.startsWith('xlsx:'))!.action;
    const x = await router.handleAction(action, { session, lang: 'zh', media: true });
    expect(x.replies[0].attachment).toMatchObject({ kind: 'split-xlsx', filename: expect.stringMatching(/\.xlsx$/) });
    const gone = await router.handleAction(`xlsx:${session.splits[0].id}x`, { session, lang: 'zh', media: true });
    expect(gone.outcome).toBe('user_error');
  });
});
