/**
 * Mechanisms of round 12, each on the real offline advisor or its pure pieces (the questions are our own
 * wordings, not the blind sets'): a request before a name, kinds of city and adjectives that name nothing,
 * a list that never names the place asked about, an English noun said by its purpose.
 */
import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';

const fx = useRealAdvisor('advisor-round12');

describe('names the corpus lacks', () => {
  it('a request before a name (请问, 想问一下) is no part of it', async () => {
    const res = await fx.advisor.ask('请问金磐开发区的规划面积有多大？');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('2.1');
    const unknown = await fx.advisor.ask('想问一下青禾飞地产业园的规划面积有多大？');
    expect(unknown.answered).toBe(false);
    expect(unknown.answer).toContain('青禾飞地产业园');
    expect(unknown.answer).not.toContain('想问一下青禾');
  });

  it('a kind of city (一线城市) and a phrase ending on an adjective (占全公司) are not names', async () => {
    const city = await fx.advisor.ask('除了杭州，衢州在别的一线城市也设了创新飞地吗？');
    expect(city.answer).not.toContain('一线城市”的内容');
    expect(city.answered).toBe(true);
    const share = await fx.advisor.ask('衢州那家传媒国企在杭州设研发子公司后，研发人员占全公司的比例是多少？');
    expect(share.answer).not.toContain('占全公司”的内容');
    // (招人 — a verb phrase jieba's table tags as an organisation — is no name)
    const hiring = await fx.advisor.ask('衢州的企业去杭州设研发中心招人，有具体例子吗？');
    expect(hiring.answer).not.toContain('招人”的内容');
    // (a city jieba's table calls a common noun — 天水, "sky water" — right after its province is a place the corpus lacks)
    const tianshui = await fx.advisor.ask('甘肃天水和山东合建的产业园有多大？');
    expect(tianshui.answered).toBe(false);
    expect(tianshui.answer).toContain('天水');
    // (a river said with a side of it — 长江对岸 — places the subject, it is not one)
    const river = await fx.advisor.ask('外高桥的企业把生产基地搬到长江对岸的启东以后，得到了什么好处？');
    expect(river.answer).not.toContain('长江”的内容');
    expect(river.answered).toBe(true);
    // (a place the corpus lacks, with its one-character suffix, is still declined)
    expect((await fx.advisor.ask('青禾市在杭州设了创新飞地吗？')).answered).toBe(false);
  });
});

describe('a verb phrase typed together', () => {
  it('is no name (说人话 = speak plainly)', async () => {
    const { zhRole } = await import('../src/advisor/terms');
    expect(zhRole('说人话')).not.toBe('entity');
    // (a verb with only describing words after it: 占全 of 占全公司)
    expect(zhRole('占全')).not.toBe('entity');
    expect((await fx.advisor.ask('反向飞地是啥 说人话')).answered).toBe(true);
  });
});

describe('asking for a list', () => {
  it('梳理 / 盘点 ask for the items, as 列举 does', async () => {
    const { questionType } = await import('../src/knowledge/question-type');
    expect(questionType('请梳理中欧班列发展中的主要问题')).toBe('list');
    expect(questionType('盘点一下大陆桥沿线园区合作的方向')).toBe('list');
  });
});

describe('English names', () => {
  it('two romanised names joined as a pair are places: one the corpus lacks is declined by name', async () => {
    const res = await fx.advisor.ask('How is tax split between Baotou and Shenzhen in their joint enclave park?');
    expect(res.answered).toBe(false);
    expect(res.answer).toContain('Baotou');
    const { unknownNames } = await import('../src/advisor/analyse');
    // (a lone capitalised word may be English: June, Chinese)
    expect(unknownNames('In the June 2021 arrangement, what did the Chinese side give?', () => true, () => false)).toEqual([]);
  });
});

describe('a list question naming a place', () => {
  it('is not answered by a list that never names the place', async () => {
    // (the relay paper's list of the model's own advantages — 其优势体现在以下几方面维度 — never names 印尼)
    const res = await fx.advisor.ask('印尼的优势主要体现在哪些方面？');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('新能源与原材料加工');
    expect(res.answer).not.toMatch(/^共 \d+ 点/);
  });
});

describe('an English noun said by its purpose', () => {
  it('"enclaves set up to help weak villages" is the glossary\'s weak-village enclave', async () => {
    const { expandQuery } = await import('../src/retrieval/glossary');
    expect(expandQuery('enclaves that were set up to help weak villages').added).toContain('消薄飞地');
    expect(expandQuery('enclaves designed for weak villages').added).toContain('消薄飞地');
    expect(expandQuery('enclaves used for five years').added).not.toContain('消薄飞地');
  });
});

describe('a question asking what good something does', () => {
  it('gets the sentence after the circumstance that says what is done with it', async () => {
    // (the paragraph: …生产周期外存在大量劳动力。| 产业飞地可以实现…在“家门口”就业，从而以灵活就业的形式增加劳动力额外收入。)
    const res = await fx.advisor.ask('种地有季节性，闲下来的人手能从合作园区得到什么好处？');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('灵活就业');
  });
});

describe('a question asking for kinds', () => {
  it('哪两类 asks for kinds, as 哪几类 does', async () => {
    const { ASKS_KINDS } = await import('../src/advisor/shapes/list');
    expect(ASKS_KINDS.test('飞出地一般派哪两类人才？')).toBe(true);
    expect(ASKS_KINDS.test('飞出地一般派哪些人才？')).toBe(false);
  });

  it('reads kinds named in prose: in a run, or divided into three or more', async () => {
    const { namesKindsInProse } = await import('../src/advisor/select');
    expect(namesKindsInProse('设立“起始飞地 - 中继飞地 - 终端飞地”三类节点')).toBe(true);
    expect(namesKindsInProse('具体可分为线性链接的科创走廊、面状整合的科创合作区、点状布局的创新策源地等。')).toBe(true);
    expect(namesKindsInProse('主要包括资金、技术和人才')).toBe(true);
    expect(namesKindsInProse('飞地园区分为两期建设。')).toBe(false);
  });

  it('gets the sentence naming the kinds in a run, beside what each does', async () => {
    const res = await fx.advisor.ask('接力模式下的节点有几类 都放在什么地方');
    expect(res.answered).toBe(true);
    expect(res.answer).toMatch(/起始飞地\s*[—-]\s*中继飞地\s*[—-]\s*终端飞地/);
  });
});

describe('a follow-up with a subject and a figure of its own', () => {
  it('reads the context paper for its own words, not only for what it carries', async () => {
    const res = await fx.advisor.ask('那2022年的目标是啥', { context: '浙江在发达地区建了多少个飞地园区，都是什么类型？' });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('计划到 2022年');
  });
});

describe('an English question none of whose nouns the papers use', () => {
  it('is declined, however the everyday words (sea, level) match', async () => {
    expect((await fx.advisor.ask('At what level does water freeze at sea level?')).answered).toBe(false);
    // (a question in the papers' own terms still is answered)
    expect((await fx.advisor.ask('What is a reverse enclave?')).answered).toBe(true);
  });
});

describe('a short sentence naming an item of an account', () => {
  it('runs on into the sentences that say what the item is', async () => {
    const res = await fx.advisor.ask('技术操作人才主要干什么');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('技术附加值');
  });
});

describe('an item asked by its ordinal', () => {
  it('is the sentence of the account opening with that ordinal, run on into what it is', async () => {
    const res = await fx.advisor.ask('其中第二类人才主要发挥什么作用？', { context: '浙江山区的产业飞地中，飞出地一般给飞入地提供哪两类人才？' });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('第二类是技术操作人才');
    expect(res.answer).toContain('技术附加值');
  });
});
