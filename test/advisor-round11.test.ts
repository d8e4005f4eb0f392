/**
 * Mechanisms of round 11, each on the real offline advisor or its pure pieces (the questions are our own
 * wordings, not the blind sets'): a question asking the name of what it describes; a figure question's
 * further figure after a semicolon; an English phrase naming a paper by its place.
 */
import { describe, expect, it } from 'vitest';
import { questionShape } from '../src/advisor/question';
import { useRealAdvisor } from './helpers/real-advisor';

const fx = useRealAdvisor('advisor-round11');

/** The advisor answers the question, and its answer names every one of `facts`. */
async function answersWith(question: string, facts: string[], context?: string) {
  const res = await fx.advisor.ask(question, context ? { context } : {});
  expect(res.answered, question).toBe(true);
  for (const fact of facts) expect(res.answer, fact).toContain(fact);
  return res;
}

describe('a question asking the name of what it describes', () => {
  it('is not a definition question, whatever its asking words', () => {
    expect(questionShape('What is this scheme called?').nameAsked).toBe(true);
    expect(questionShape('What is this scheme called?').definitional).toBe(false);
    expect(questionShape('这种做法叫什么？').nameAsked).toBe(true);
    expect(questionShape('What is a reverse enclave?').definitional).toBe(true);
    expect(questionShape('What is a reverse enclave?').nameAsked).toBe(false);
  });

  it('is answered with the term the matching description is of', async () => {
    await answersWith('有一种做法：经济薄弱的村把资金和土地凑到一起，到发达地区的开发区里合建项目拿固定收益，这叫什么？', ['消薄飞地', '固定收益']);
    await answersWith('Weak villages put their cash and land together and build a project in an industrial zone of a richer county for a fixed return. What is that called?', ['消薄飞地']);
  });
});

describe("a figure question's further figure", () => {
  it('"any figures" and 有没有具体数据 ask for figures; 数字经济 does not', () => {
    expect(questionShape('What about their public finances — any figures?').quantity).toBe(true);
    expect(questionShape('财政方面有没有具体数据').quantity).toBe(true);
    expect(questionShape('有没有数字经济方面的合作').quantity).toBe(false);
  });

  it('runs on past a semicolon into the next clause stating another figure', async () => {
    await answersWith('财政方面有没有具体数据', ['34.43 亿元', '21.56 亿元'], '浙江山区26县在用产业飞地时有哪些难处？');
  });
});

describe('an English phrase naming a paper by its place', () => {
  it('answers a list question that names its paper by a place with that paper\'s list', async () => {
    await answersWith('Which basic types of cross-regional reorganisation of innovation elements does the Quzhou paper describe? List them.', ['科创走廊', '科创合作区', '创新策源地']);
  });
});

describe('a follow-up asking how much a figure grew', () => {
  it('asks for a rate, in Chinese and English', () => {
    expect(questionShape('比上年同期涨了多少').figureKind).toBe('percent');
    expect(questionShape('And by how much did that grow on the year before?').figureKind).toBe('percent');
    expect(questionShape('How much money did the province put in?').figureKind).toBe('money');
  });

  it('is answered from the paper its context was answered from, with the growth rate', async () => {
    const res = await answersWith('比上年同期涨了多少', ['46.2%'], '长安号中欧班列2023年上半年跑了多少趟？');
    expect(res.answer.split('\n')[0]).toContain('46.2%');
    await answersWith('And by how much did that grow on the year before?', ['46.2%'], "How many trains did the Chang'an China-Europe Railway Express run in the first half of 2023?");
  });
});

describe('a list whose count is announced a sentence before its lead', () => {
  it('leads with the sentence counting the items, which names them', async () => {
    await answersWith('“飞地接力”机制的运转依靠哪几方面的支撑？', ['节点划分、要素流动与制度治理三方面']);
  });

  it('reads 那套东西 as pointing at the subject and everyday 转起来, 撑着 as the papers’ 运转, 支撑', async () => {
    await answersWith('飞地接力那套东西想转起来得靠哪几块撑着', ['节点划分', '要素跨节点高效流动', '制度化治理结构']);
  });
});

describe('a figure question whose chosen sentences state no figure', () => {
  it('takes the sentence that states it, from a third paper, in place of the weakest', async () => {
    await answersWith('国家发展改革委等八部门联合印发的飞地经济指导意见，文号是什么？对GDP和税收分配又是怎么说的？', ['发改地区〔2017〕922号']);
  });
});

describe('a later part whose subject is a pronoun', () => {
  it('points back, whatever subject words of its own it has (run → 运营)', async () => {
    const { needsPreviousSubject } = await import('../src/knowledge/follow-up');
    expect(needsPreviousSubject('how is it supposed to be run?', ['运营'])).toBe(true);
    expect(needsPreviousSubject('How does that BOT thing work?', ['BOT'])).toBe(false);
  });

  it('is answered about the scheme the first part describes', async () => {
    await answersWith('Some weak villages pool their money and land and co-build a project in an industrial zone of a richer paired county for a fixed return. What is it called, and how is it supposed to be run?', ['消薄飞地', '统一管理']);
  });
});

describe('an English noun phrase said the other way round', () => {
  it('"sharing of the enclave revenues" is glossed as "revenue sharing"', async () => {
    const { expandQuery } = await import('../src/retrieval/glossary');
    expect(expandQuery('how is the sharing of the enclave revenues handled').added).toContain('收益分成');
    expect(expandQuery('the distribution of benefits').added).toContain('利益分配');
    expect(expandQuery('a list of parks').added).not.toContain('收益分成');
  });
});

describe('the English stemmer', () => {
  it('undoes a consonant doubled before -ing and -ed, and leaves double letters of the word alone', async () => {
    const { stem } = await import('../src/retrieval/tokenize');
    expect(stem('splitting')).toBe(stem('split'));
    expect(stem('running')).toBe('run');
    expect(stem('planned')).toBe('plan');
    expect(stem('filling')).toBe('fill');
    expect(stem('passed')).toBe('pass');
  });
});

describe('a follow-up naming a subject of its own', () => {
  it('is answered about that subject; what it carries over sets the scene', async () => {
    await answersWith('那中继飞地具体是干什么的', ['广西'], '飞地接力模式里的三类节点分别设在哪里？');
  });
});

describe('an opening clause describing the subject', () => {
  it('weighs less than the question that follows it', async () => {
    await answersWith('For the kind of scheme where several weak villages put their money together into a project in a richer county, is there a guaranteed minimum return?', ['收益保底']);
  });
});

describe('a year written with two digits', () => {
  it('is this century\'s when it has a leading zero or follows 说/是/从, not a count of years', async () => {
    const { fullYears } = await import('../src/knowledge/normalize');
    expect(fullYears('有的说02年有的说01年')).toBe('有的说2002年有的说2001年');
    expect(fullYears('从18年开始')).toBe('从2018年开始');
    expect(fullYears('运营了26年')).toBe('运营了26年');
    expect(fullYears('第02年')).toBe('第02年');
  });

  it('lets a question offering two years be answered with each paper\'s year', async () => {
    await answersWith('山海协作是哪年开始的 有人说02年有人说01年', ['2002', '2001']);
  });
});

describe('a follow-up pointing at one of the kinds an answer names in prose', () => {
  it('finds the run of kinds (起始飞地—中继飞地—终端飞地) and asks of the one pointed at', async () => {
    const { kindRun } = await import('../src/knowledge/ordinal');
    expect(kindRun('通过“起始飞地—中继飞地—终端飞地”的阶段性分工布局')).toEqual(['起始飞地', '中继飞地', '终端飞地']);
    expect(kindRun('起始节点、中继节点和终端节点')).toEqual(['起始节点', '中继节点', '终端节点']);
    expect(kindRun('功能分段—节点设点—任务协同')).toEqual([]);
    await answersWith('那中间那个设在哪', ['广西'], '飞地接力的三类节点都是什么？');
  });
});
