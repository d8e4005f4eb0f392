/**
 * Mechanisms of this round, each on the real offline advisor or its pure pieces: a list question that
 * names one item of a list of sub-headings gets that item's own list; a follow-up that puts a sibling
 * subject in place of the previous one (what about the terminal node?) is not pulled back to it;
 * a list answering what several papers say brings the other papers' best sentences; a part that only
 * asks how the papers put the part before is read with it; counts and sums asked colloquially.
 */
import { describe, expect, it } from 'vitest';
import { hasFreshFigure, questionShape, stripFraming } from '../src/advisor/question';
import { rates, targetThreshold } from '../src/advisor/decide';
import { questionParts } from '../src/advisor/parts';
import { useRealAdvisor } from './helpers/real-advisor';
import { expandOne } from '../src/knowledge/follow-up';
import { withOtherPapers } from '../src/advisor/compose';
import type { Candidate } from '../src/advisor/select';

const fx = useRealAdvisor('advisor-round5');

describe('a list question naming one item of a list of sub-headings', () => {
  it('is answered with the list inside that item, not the headings beside it', async () => {
    const res = await fx.advisor.ask('提高基础设施畅联水平这一块，大陆桥那篇具体提了哪几项举措？');
    expect(res.answered).toBe(true);
    for (const item of ['道路网络', '国际贸易通道网络', '新型基础设施网络']) expect(res.answer).toContain(item);
    // The headings of the other measures are not what was asked.
    expect(res.answer).not.toContain('强化园区合作顶层设计');
  });
});

describe('a follow-up putting a sibling subject in place of the previous one', () => {
  it('answers about the new subject (终端飞地), not the one asked before (起始飞地)', async () => {
    const res = await fx.advisor.ask('What about the terminal node?', { context: 'Where is the starting node of the enclave relay located?' });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('越南、泰国、马来西亚');
  });
});

describe('a question on what several papers say', () => {
  it('quotes more than one paper', async () => {
    const res = await fx.advisor.ask('飞地的收益怎么分？各篇文章分别有什么主张？');
    expect(res.answered).toBe(true);
    expect(new Set(res.citations.map((c) => c.source)).size).toBeGreaterThanOrEqual(2);
  });
  it('reads a trailing "what do the papers propose" with the part before it', () => {
    expect(questionParts('飞地项目的GDP怎样在两地之间划分？各篇文章提出了哪些做法？')).toHaveLength(1);
    expect(questionParts('How should GDP be split? What do the papers propose?')).toHaveLength(1);
    // A second part with a subject of its own is still a part.
    expect(questionParts('衢州海创园哪一年开园？入驻了多少家企业？')).toHaveLength(2);
  });
});

describe('figures asked colloquially', () => {
  it('reads 多少个亿 as a sum and 多少万吨 / how many tonnes as a weight', () => {
    expect(questionShape('26县平均财政收入有多少个亿').figureKind).toBe('money');
    expect(questionShape('货运量是多少万吨？').figureKind).toBe('weight');
    expect(questionShape('How many tonnes of freight did the trains carry?').figureKind).toBe('weight');
    // A count of trains does not answer a tonnage.
    expect(hasFreshFigure('开行2619列', [], 'weight')).toBe(false);
  });
  it('counts by what follows a figure, whatever counter the question used', () => {
    expect(hasFreshFigure('共计有45个国家级高新区', [], 'count', '家', ['国家级高新区'])).toBe(true);
    // 16个 parks do not answer how many firms (家).
    expect(hasFreshFigure('建立各类飞地园区16个', [], 'count', '家', ['企业'])).toBe(false);
    expect(hasFreshFigure('引进双一流高校毕业生数十人', [], 'count', '人')).toBe(true);
  });
  it('answers a count asked past a time phrase (…高新区到2022年底分别有几家)', async () => {
    const res = await fx.advisor.ask('大陆桥走廊沿线的国家级高新区到2022年底分别有几家？');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('45个国家级高新区');
  });
});

describe('the decision threshold', () => {
  it('is the lowest that still declines the target share of unanswerable questions', () => {
    // Ten unanswerable at 0.05…0.95, ten answerable at 0.5…0.95.
    const neg = Array.from({ length: 10 }, (_, i) => 0.05 + i * 0.1);
    const pos = Array.from({ length: 10 }, (_, i) => 0.5 + i * 0.05);
    const probs = [...neg, ...pos];
    const labels = [...neg.map(() => 0), ...pos.map(() => 1)];
    const t = targetThreshold(probs, labels, 0.9);
    expect(rates(probs, labels, t).declined).toBeGreaterThanOrEqual(0.9);
    // Any lower threshold among the scores declines less than the target.
    const lower = probs.filter((p) => p < t).sort((a, b) => b - a)[0]!;
    expect(rates(probs, labels, lower).declined).toBeLessThan(0.9);
  });
});

describe('asking for the items one by one', () => {
  it('frames the request: 一条条列一下 and 逐条列出来 are not words of its subject', () => {
    expect(stripFraming('飞地接力这个模式都有什么特征 一条条列一下呗')).toBe('飞地接力这个模式都有什么特征');
    expect(stripFraming('反向飞地有哪些治理策略？逐条列出来')).not.toContain('列');
  });
});

describe('a locative before a name', () => {
  it('is not read into an unknown park (那里面消薄飞地占几个 asks about 消薄飞地)', async () => {
    const res = await fx.advisor.ask('那里面消薄飞地占几个', { context: '浙江在发达地区建的各类飞地园区都分哪几种？' });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('10个');
  });
});

describe('an example asked for', () => {
  it('runs on through the sentences that carry its story on (例如…企业… | 自2019年以来，该企业…)', async () => {
    const res = await fx.advisor.ask('有没有企业孵化成熟后回流衢州的例子？');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('40余项专利');
  });
});

describe('"the X one" in an English follow-up', () => {
  const phrases = new Set(['sci-tech enclave', 'end enclave']);
  const isPhrase = (p: string) => phrases.has(p);
  it('is the X kind of the previous question\'s noun when that makes a known phrase', () => {
    expect(expandOne('And for the sci-tech one, what target was set?', 'What three enclave models does Zhejiang plan?', isPhrase)).toBe('And for the sci-tech enclave, what target was set?');
    expect(expandOne('what about the end one?', 'Where is the starting enclave located?', isPhrase)).toBe('what about the end enclave?');
  });
  it('is left alone when no known phrase comes of it', () => {
    expect(expandOne('What about the infrastructure one?', 'What difficulties do industrial enclaves face?', isPhrase)).toBe('What about the infrastructure one?');
  });
});

describe('how big an effect', () => {
  it('is asked in words, not as a figure (多大效果, 多大作用)', () => {
    expect(questionShape('测算下来能带来多大效果？').quantity).toBe(false);
    expect(questionShape('金磐开发区规划面积有多大？').quantity).toBe(true);
  });
});

describe('other papers after a list', () => {
  const other = { text: '“飞地园区”形成的地方级税收，省财政不参与分享。', docId: 'd4', source: '004.txt', title: '山海协作', section: '构建机制' } as unknown as Candidate;
  const titles = () => ({ title: '推动山海协作“飞地经济”高质量发展', titleEn: 'Mountain-sea enclaves' });
  it('are quoted and cited after the items, numbered on', () => {
    const zh = withOtherPapers('zh', { answer: '共 2 点：\n引言[1]\n1. 甲[2]\n2. 乙[3]', citations: [1, 2, 3].map((n) => ({ n, source: 'a', title: 'A', section: '', quote: String(n) })) }, [other], titles as never);
    expect(zh.answer.split('\n').at(-1)).toBe('另见《推动山海协作“飞地经济”高质量发展》：“飞地园区”形成的地方级税收，省财政不参与分享。[4]');
    expect(zh.citations.at(-1)).toMatchObject({ n: 4, source: '004.txt' });
  });
  it('name a paper once when two of its sentences follow each other', () => {
    const second = { ...other, text: '“消薄飞地”须实行收益保底。' } as Candidate;
    const zh = withOtherPapers('zh', { answer: '共 1 点：\n引言[1]\n1. 甲[2]', citations: [1, 2].map((n) => ({ n, source: 'a', title: 'A', section: '', quote: String(n) })) }, [other, second], titles as never);
    expect(zh.answer.split('\n').at(-1)).toBe('另见《推动山海协作“飞地经济”高质量发展》：“飞地园区”形成的地方级税收，省财政不参与分享。[3] “消薄飞地”须实行收益保底。[4]');
    expect(zh.citations.map((c) => c.n)).toEqual([1, 2, 3, 4]);
  });
  it('bring a paper\'s second sentence when it adds a word of the question (real advisor)', async () => {
    const r = await fx.advisor.ask('飞地园区的收益怎么分配？各篇文章提出了哪些办法？');
    const landBridge = r.answer.split('\n').find((l) => l.startsWith('另见《新亚欧大陆桥'));
    expect(landBridge?.match(/\[\d+\]/g)?.length).toBe(2);
  });
  it('keep the English glossary line last', () => {
    const en = withOtherPapers('en', { answer: '“A” lists 1 points:\n[1] “x”\n1. “y” [2]\nKey terms: 飞地 (enclave).', citations: [] }, [other], titles as never);
    const lines = en.answer.split('\n');
    expect(lines.at(-1)).toMatch(/^Key terms:/);
    expect(lines.at(-2)).toMatch(/^Also, “Mountain-sea enclaves”: /);
  });
});
