/**
 * Follow-ups that ask for a facet of the previous subject (对策呢？) or point at one item of the list
 * answered before (第一种…, the second one), sentences about the paper itself, and the question
 * bank's answer spans in sentence scoring: the pure pieces, then the real offline advisor.
 */
import { describe, expect, it } from 'vitest';
import { asksWhatFollows, itemIndex, itemReference } from '../src/knowledge/ordinal';
import { asksAboutPaper, paperPhrases, speaksOfPaper } from '../src/knowledge/paper-self';
import { CorpusScan } from '../src/advisor/documents';
import { extractConcepts } from '../src/advisor/terms';
import { CorpusStats } from '../src/advisor/stats';
import { HAND_WEIGHTS, SENTENCE_FEATURES, sentenceModel, sentenceScore, type SentenceFeatures } from '../src/advisor/shapes/sentence-model';
import { bankAnswerScore } from '../src/advisor/select';
import { useRealAdvisor } from './helpers/real-advisor';

describe('item references', () => {
  it('reads which item a follow-up points at, in Chinese and English', () => {
    expect(itemReference('第二种能不能举个例子')).toBe(2);
    expect(itemReference('第3个方面具体怎么做')).toBe(3);
    expect(itemReference('最后一个呢')).toBe('last');
    expect(itemReference('那后者呢')).toBe('last');
    expect(itemReference('中间那个节点干什么')).toBe('middle');
    expect(itemReference('Give me an example of the first one')).toBe(1);
    expect(itemReference("what's the middle one for?")).toBe('middle');
    expect(itemReference('and the last kind?')).toBe('last');
    expect(itemReference('And the former?')).toBe(1);
    expect(itemReference('能举个例子吗')).toBeUndefined();
    expect(itemReference('第二年的税收是多少')).toBeUndefined();
    // as people say it in chat: 头一条, 打头那个, 最后那条, point 2
    expect(itemReference('头一条具体难在哪')).toBe(1);
    expect(itemReference('打头那个呢')).toBe(1);
    expect(itemReference('最后那条展开讲讲')).toBe('last');
    expect(itemReference('what about point 2?')).toBe(2);
    expect(itemReference('头一回去杭州是哪年')).toBeUndefined();
    expect(itemReference('how many points did tax revenue rise')).toBeUndefined();
  });

  it('tells a follow-up asking what came next', () => {
    expect(asksWhatFollows('后来呢？')).toBe(true);
    expect(asksWhatFollows('那之后又怎么样了')).toBe(true);
    expect(asksWhatFollows('And after that, what went wrong?')).toBe(true);
    expect(asksWhatFollows('能举个例子吗')).toBe(false);
    expect(asksWhatFollows('政府后来有没有收回')).toBe(false);
  });

  it('picks an item only when the list has it', () => {
    expect(itemIndex(2, 4)).toBe(1);
    expect(itemIndex(5, 4)).toBeUndefined();
    expect(itemIndex('last', 4)).toBe(3);
    expect(itemIndex('middle', 3)).toBe(1);
    expect(itemIndex('middle', 4)).toBeUndefined();
    expect(itemIndex(1, 0)).toBeUndefined();
  });
});

describe('sentences about the paper itself', () => {
  it('tells a sentence about the paper from one about its subject, and a question about the paper from others', () => {
    expect(speaksOfPaper('相较于现有研究，本文的创新点主要体现在以下几个方面：')).toBe(true);
    expect(speaksOfPaper('第三，研究方法上，本文结合典型区域合作与政策实践案例')).toBe(true);
    expect(speaksOfPaper('中继飞地多布局于中国的广西、云南、海南等地')).toBe(false);
    expect(asksAboutPaper('这篇文章的研究方法是什么')).toBe(true);
    expect(asksAboutPaper('What is new in this paper?')).toBe(true);
    expect(asksAboutPaper('飞地接力靠哪几个方面撑着')).toBe(false);
  });
});

describe('papers named as papers', () => {
  it('reads the phrases that name a paper, in Chinese and English', () => {
    expect(paperPhrases('大陆桥那篇说要建哪几张网')).toEqual(['大陆桥']);
    expect(paperPhrases('26县那篇跟山海协作那篇各自给了啥办法')).toEqual(['26县', '山海协作']);
    expect(paperPhrases('What does the land-bridge paper propose?')).toEqual(['land-bridge']);
    expect(paperPhrases('the four measures the Zhejiang commentary lists')).toEqual(['Zhejiang']);
    expect(paperPhrases('Which mechanisms does the article on mountain-sea cooperation propose?')).toEqual(['mountain-sea cooperation']);
    expect(paperPhrases('飞地接力有哪些特征')).toEqual([]);
  });

  const fx = useRealAdvisor('paper-references');
  it('resolves a phrase to the paper whose title and headings hold it, or to none when two tie', () => {
    const scan = new CorpusScan(fx.retriever.chunks, fx.retriever.docs);
    const stats = new CorpusStats(fx.retriever.chunks.map((c) => c.text));
    // As the advisor reads them: with the retriever's dictionary bridge.
    const bridge = fx.retriever.bridge;
    const doc = (phrase: string) => scan.referencedDoc(extractConcepts(phrase, stats, { aliases: bridge ? (w) => bridge.chinese(w) : undefined }))?.slice(0, 3);
    expect(doc('大陆桥')).toBe('002');
    expect(doc('26县')).toBe('001');
    expect(doc('山海协作')).toBe('004');
    expect(doc('反向飞地')).toBe('003');
    expect(doc('东南亚')).toBe('000');
    expect(doc('相关')).toBeUndefined();
  });

  it('answers from the paper a question names, not from another paper on the same words', async () => {
    const r = await fx.advisor.ask('大陆桥那篇文章里，园区合作是怎么定义的？');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.source).toBe(fx.retriever.docs.find((d) => d.id.startsWith('002'))!.source);
  });
});

describe('sentence model', () => {
  const zero = Object.fromEntries(SENTENCE_FEATURES.map((f) => [f, 0])) as SentenceFeatures;

  it('in hand mode is the hand-set sum, with the bank and paper weights of the model', () => {
    const f = { ...zero, coverage: 0.8, headingGain: 0.2, prior: 1, short: 1, bankAnswer: 1, aboutPaper: 1 };
    const m = { mode: 'hand' as const, bankEntries: 3, bankWeight: 0.3, paperWeight: -0.5 };
    expect(sentenceScore(f, m)).toBeCloseTo(0.8 * HAND_WEIGHTS.coverage + 0.2 * HAND_WEIGHTS.headingGain + HAND_WEIGHTS.prior + HAND_WEIGHTS.short + 0.3 - 0.5, 9);
    expect(sentenceScore({ ...f, bankAnswer: 0 }, m)).toBeLessThan(sentenceScore(f, m));
  });

  it('in fitted mode is the logistic probability of its weights', () => {
    const m = { mode: 'fitted' as const, bankEntries: 3, bankWeight: 0, paperWeight: 0, model: { features: ['coverage' as const], mean: [0.5], std: [0.25], weights: [2], bias: -1 } };
    expect(sentenceScore({ ...zero, coverage: 0.75 }, m)).toBeCloseTo(1 / (1 + Math.exp(-1)), 9);
  });

  it('ships a model that parses', () => {
    expect(['hand', 'fitted']).toContain(sentenceModel().mode);
  });

  it('scores a sentence by the closest bank entry whose answer spans cover it', () => {
    const answers = [
      { docId: 'a', start: 100, end: 140, score: 0.6 },
      { docId: 'a', start: 200, end: 230, score: 1 },
      { docId: 'b', start: 100, end: 140, score: 0.9 },
    ];
    expect(bankAnswerScore({ docId: 'a', offset: 100, end: 140 }, answers)).toBe(0.6);
    // A sentence holding a shorter span, or held by a longer one, counts; a mere touch does not.
    expect(bankAnswerScore({ docId: 'a', offset: 190, end: 260 }, answers)).toBe(1);
    expect(bankAnswerScore({ docId: 'a', offset: 135, end: 190 }, answers)).toBe(0);
    expect(bankAnswerScore({ docId: 'c', offset: 100, end: 140 }, answers)).toBe(0);
  });
});

describe('follow-ups on a facet or an item (real advisor)', () => {
  const fx = useRealAdvisor('advisor-followup-items');

  it('a follow-up naming only a facet (对策呢) gets that facet’s list about the previous subject', async () => {
    const r = await fx.advisor.ask('对策呢？', { context: '浙江山区26县搞产业飞地现在有哪些难点？' });
    expect(r.answered).toBe(true);
    for (const item of ['公司制管理模式', '社会资金', '营商环境', '数字化技术']) expect(r.answer).toContain(item);
  });

  it('a follow-up pointing at an item of the list answered before is answered from that item', async () => {
    const r = await fx.advisor.ask('第一种有没有实际的企业例子？', { context: '衢州海创园的创新跨域重组分为哪两个典型模式？' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('自动化气动产品');
    const second = await fx.advisor.ask('第二种呢，有企业例子吗？', { context: '衢州海创园的创新跨域重组分为哪两个典型模式？' });
    expect(second.answer).toContain('传媒信息技术行业国企');
    const text = fx.retriever.docs.map((d) => d.raw).join('\n');
    for (const c of [...r.citations, ...second.citations]) expect(text.includes(c.quote)).toBe(true);
  });

  it('a follow-up asking what came next is answered from where the paper goes on', async () => {
    // Neither follow-up shares the paper's words (后期, 回收, 楼宇): only where the paper goes on tells.
    for (const q of ['那后来政府自己管了，结果呢', '之后收回来自己运营，又有啥问题']) {
      const r = await fx.advisor.ask(q, { context: '衢州海创园刚开始交给第三方托管运营，效果好吗？' });
      expect(r.answered, q).toBe(true);
      expect(r.answer, q).toContain('后期，政府回收部分楼宇自主运营');
    }
  });

  it('a list question not about the paper is not answered with the paper’s own contributions', async () => {
    const r = await fx.advisor.ask('飞地接力要运转起来主要靠哪几个方面？');
    expect(r.answer).not.toContain('本文的创新点');
    const paper = await fx.advisor.ask('这篇讲飞地接力的文章，创新点体现在哪几个方面？');
    expect(paper.answer).toContain('研究视角上');
  });
});

describe('follow-ups asking what to do, or about the sibling of a part (real advisor)', () => {
  const fx = useRealAdvisor('advisor-followup-round9');

  it('runs the paper’s measure on into the measures after it in its paragraph', async () => {
    const r = await fx.advisor.ask('那该怎么办？', { context: '中欧班列在新亚欧大陆桥沿线有什么问题？' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('统筹安排中欧班列货源组织');
    expect(r.answer).toContain('议事协调机制');
  });

  it('answers from the other part and names it (典型模式一 → 另一种)', async () => {
    const r = await fx.advisor.ask('另一种模式呢？', { context: '海创园“在杭初创孵化，回流衢州生产”这种模式怎么运作？' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('衢州产业转型，在杭研发引才');
    // the other part, not both parts again as a list
    expect(r.answer).not.toContain('在杭初创孵化，回流衢州生产');
  });

  it('under a heading that is itself a measure, runs on into the section past the paragraph’s end', async () => {
    const r = await fx.advisor.ask('基础设施建设缺钱的问题怎么解决', { context: '浙江山区26县搞产业飞地有哪些难点？' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('社会资本');
    expect(r.answer).toContain('BOT');
  });
});

describe('a short sentence opening a step right before a chosen one', () => {
  const fx = useRealAdvisor('advisor-lead-in');

  it('leads it: the point the sentence explains (一方面，发挥好…“蓄水池”效应)', async () => {
    const r = await fx.advisor.ask('Farming in the mountain counties is seasonal, so what do the enclave factories offer those workers?');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('蓄水池');
  });
});
