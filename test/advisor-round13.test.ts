/**
 * Mechanisms of round 13, each on the real offline advisor or its pure pieces (the questions are our own
 * wordings, not the blind sets'): what a list question sets aside, an example of one named item, a rule stated
 * without its rate, parts that only ask whether the papers agree, figures paired across a semicolon, the list
 * inside one item of a list, and the asked noun of an English question.
 */
import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';

const fx = useRealAdvisor('advisor-round13');

describe('lists', () => {
  it('what a list question sets aside (before it turns to reverse enclaves) is not what its list is about', async () => {
    const res = await fx.advisor.ask('Before it turns to reverse enclaves, which existing approaches to regrouping innovation resources across regions does the Quzhou paper go through?');
    expect(res.answered).toBe(true);
    for (const item of ['科创走廊', '科创合作区', '创新策源地']) expect(res.answer).toContain(item);
  });

  it('a question naming one item of a list by a compound of its head gets the list inside that item', async () => {
    const res = await fx.advisor.ask('在飞地接力促进中国和东南亚产业协同的政策建议中，利益分配机制方面提了哪几项举措？');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('基础保障 + 动态分成');
    expect(res.answer).toContain('政绩考核与经济指标共享机制');
    // (the five recommendations around it are not the answer)
    expect(res.answer).not.toContain('战略协同体系');
  });

  it("'what are they?' after a plural noun, and which/what before a described plural noun (which existing approaches), ask for a list", async () => {
    const { questionType } = await import('../src/knowledge/question-type');
    expect(questionType('Which existing approaches does the paper review?')).toBe('list');
    expect(questionType('The paper reviews several spatial approaches first. What are they?')).toBe('list');
    expect(questionType('What are they used for?')).not.toBe('list');
  });

  it('the noun right after which/what is the facet asked (a stray control character once kept this from matching)', async () => {
    const { questionFacets } = await import('../src/knowledge/facets');
    expect([...questionFacets('Which measures does the paper propose against the problems of the corridor?')]).toEqual(['measures']);
    // (no asked noun after an auxiliary: the whole question's facets)
    expect(questionFacets('What does the paper propose against the problems of the corridor?').has('problems')).toBe(true);
  });
});

describe('follow-ups', () => {
  it('an example asked after a question naming one item by its head is that item’s example', async () => {
    const res = await fx.advisor.ask('有具体案例吗', { context: '衢州海创园“衢州产业转型，在杭研发引才”这种模式具体怎么运作？' });
    expect(res.answered).toBe(true);
    // (the second mode's own example: the media company whose research team reached about 40% of its staff)
    expect(res.answer).toContain('40%');
  });

  it('a clause whose figure the next clause pairs in the same unit runs on into it', async () => {
    const res = await fx.advisor.ask('and their fiscal revenue?', { context: 'What does the industrial enclave paper say about household disposable income in the 26 mountain counties?' });
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('21.56');
  });
});

describe('partial answers and questions across papers', () => {
  it('a rate the papers require but do not give is answered with the rule and the gap', async () => {
    const res = await fx.advisor.ask('For enclaves set up to help weak village collectives, what minimum yearly return rate is promised to the villages taking part?');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('收益保底');
    expect(res.answer).toMatch(/does not give the specific figure/);
  });

  it('a part that only asks whether the papers agree frames the part before it', async () => {
    const { questionParts } = await import('../src/advisor/parts');
    expect(questionParts('山海协作工程是哪一年启动的？几篇文章的说法相同吗？')).toHaveLength(1);
    expect(questionParts('When did the mountain-sea programme start? Do the papers agree?')).toHaveLength(1);
    // (a later part with a subject of its own is still its own question)
    expect(questionParts('山海协作工程是哪一年启动的？金磐开发区的面积有多大？')).toHaveLength(2);
  });
});

describe('more of round 13', () => {
  it('a year set side by side across papers quotes each paper stating it (2001 beside 2002)', async () => {
    const res = await fx.advisor.ask('山海协作工程是哪一年开始的？不同文章的记载一样吗？');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('2001');
    expect(res.answer).toContain('2002');
  });

  it('a two-character verb phrase (飞到) is not a noun the papers must use', async () => {
    const res = await fx.advisor.ask('反向飞地到底是个啥意思，谁飞到谁那里去');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('飞出地');
  });

  it("'what are the node types' asks for the kinds the paper names in prose", async () => {
    const res = await fx.advisor.ask('What are the node types in the China–Southeast Asia relay model?');
    expect(res.answered).toBe(true);
    expect(res.answer).toContain('中继飞地');
  });
});

describe('a follow-up asking about one side of its subject', () => {
  it('is answered about that side, not about the subject it carries (and who funds it?)', async () => {
    const res = await fx.advisor.ask('and who funds it?', { context: 'Describe the relay-style enclave chain between China and Southeast Asia.' });
    expect(res.answered).toBe(true);
    expect(res.answer).toMatch(/跨境产业投资基金|专项资金池/);
  });
});
