/**
 * Mechanisms of round 6, each on the real offline advisor or its pure pieces (the questions are our own
 * wordings, not the blind sets'): kinds the papers count in prose; the next step of an account; every
 * place a named subject is linked to; the list of one facet inside a list; what a question sets aside;
 * counts given only in words; years no evidence states; a request before a park's name.
 */
import { describe, expect, it } from 'vitest';
import { questionParts } from '../src/advisor/parts';
import { countsKinds, isNextStep } from '../src/advisor/select';
import { questionShape } from '../src/advisor/question';
import { useRealAdvisor } from './helpers/real-advisor';

const fx = useRealAdvisor('advisor-round6');

/** The advisor answers the question, and its answer names every one of `facts`. */
async function answersWith(question: string, facts: string[]) {
  const res = await fx.advisor.ask(question);
  expect(res.answered, question).toBe(true);
  for (const fact of facts) expect(res.answer, fact).toContain(fact);
  return res;
}

describe('kinds the papers count in prose', () => {
  it('a sentence announcing a count of kinds is recognised, one referring back to them is not', () => {
    expect(countsKinds('并据此设立“起始飞地-中继飞地-终端飞地”三类节点，形成递进式的空间布局', ['节点'])).toBe(true);
    expect(countsKinds('在空间节点布设方面，“飞地接力”可分为三类功能型节点', ['节点'])).toBe(true);
    expect(countsKinds('三类节点通过分工清晰、功能互补的方式', ['节点'])).toBe(false);
    expect(countsKinds('设立三类节点', [])).toBe(false);
  });

  it('answer a kinds question no list of the tree holds, naming each kind', async () => {
    await answersWith('“飞出地”往往向“飞入地”提供哪几类人才？', ['产业管理人才', '技术操作人才']);
  });
});

describe('the next step of an account', () => {
  it('opens with the step after a first one', () => {
    expect(isNextStep('后期，政府回收部分楼宇自主运营，但又存在招引项目效率不佳的现象；')).toBe(true);
    expect(isNextStep('另一方面，承接好“飞出地”技术溢出效应。')).toBe(true);
    expect(isNextStep('政府回收部分楼宇自主运营。')).toBe(false);
  });

  it('is quoted with the first step, so both phases of the park’s management are answered', async () => {
    await answersWith('海创园的运营先后换过两种管理办法，各自遇到了什么问题？', ['引进项目缺乏把关', '运营成本无法回收']);
  });
});

describe('a "which places" question on a named subject', () => {
  it('reads every passage naming the subject beside another place, across the papers', async () => {
    const res = await answersWith('衢州都在哪些城市设立过创新飞地或者孵化平台？', ['上海', '北京', '杭州', '深圳']);
    expect(new Set(res.citations.map((c) => c.source)).size).toBeGreaterThanOrEqual(2);
  });

  it('asked across papers, gives the subject’s places before other sentences of those papers', async () => {
    await answersWith('各篇文章里，衢州把孵化平台和创新飞地放在了哪些城市？', ['上海', '北京', '杭州', '深圳']);
    await answersWith('Across the papers, in which cities did Quzhou put its incubators?', ['上海', '杭州', '深圳']);
  });
});

describe('lists', () => {
  it('a question on one facet gets the list inside the item of that facet', async () => {
    await answersWith('List the main obstacles industrial enclaves meet in the 26 mountain counties.', ['利益机制尚未完善', '基础设施建设落后', '科研投入不足']);
  });

  it('what a question sets aside is not what its list is about', async () => {
    await answersWith('除了反向飞地之外，创新要素跨域重组的基本类型有哪几种？', ['科创走廊', '科创合作区', '创新策源地']);
    // (除了 X said with no 之外, the space or comma after it closing the aside)
    await answersWith('除了反向飞地，目前创新要素跨域重组的空间手段都有哪些？', ['科创走廊', '科创合作区', '创新策源地']);
    await answersWith('除了反向飞地 现在搞创新要素跨域重组的空间手段还有哪些', ['科创走廊', '科创合作区', '创新策源地']);
  });
});

describe('counts, years and names the evidence does or does not give', () => {
  it('a count the papers give only in words is answered partially, the gap said', async () => {
    const res = await answersWith('衢州海创园到现在有多少家企业回流衢州实现规模化生产了？', ['部分企业已回流衢州']);
    expect(res.answer).toMatch(/未给出|具体数字/);
  });

  it('a count with no such wording beside what is counted is still declined', async () => {
    const res = await fx.advisor.ask('江苏南北共建园区目前一共有多少家？');
    expect(res.answered).toBe(false);
  });

  it('a year no evidence sentence states is declined, naming it', async () => {
    const res = await fx.advisor.ask("What was the Jinpan Development Zone's tax contribution in 2025 alone?");
    expect(res.answered).toBe(false);
    expect(res.answer).toContain('2025');
  });

  it('a request before a park name is not part of the name', async () => {
    await answersWith('请介绍金磐开发区的规划面积和累计工业产值', ['2.1平方公里']);
    const unknown = await fx.advisor.ask('请介绍青禾飞地产业园的规划面积');
    expect(unknown.answered).toBe(false);
    expect(unknown.answer).toContain('青禾飞地产业园');
  });

  it('an English park name with a bracketed note is a name the corpus lacks', async () => {
    const res = await fx.advisor.ask('What subsidies does the Mengla (Yunnan) enclave industrial park give to new firms?');
    expect(res.answered).toBe(false);
  });
});

describe('question shapes', () => {
  it('"what does X get" is not a definition question; "what does X mean" is', () => {
    expect(questionShape('In the land-quota swap, what does each city get out of it?').definitional).toBe(false);
    expect(questionShape("What does 'reverse enclave' mean?").definitional).toBe(true);
  });

  it('an English question joined by "and in what year" is two parts', () => {
    expect(questionParts('How many projects has the park attracted, and in what year did it open?')).toHaveLength(2);
  });
});

describe('a figure the papers are asked to agree on', () => {
  it('quotes each paper that states the figure beside the subject, so different years show', async () => {
    await answersWith('浙江的山海协作是哪一年开始实施的？不同材料的说法一样吗？', ['2001', '2002']);
  });
});
