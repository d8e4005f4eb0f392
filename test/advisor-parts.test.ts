import { describe, expect, it } from 'vitest';
import { useRealAdvisor } from './helpers/real-advisor';
import { questionParts } from '../src/advisor/parts';
import { questionShape } from '../src/advisor/question';

const fx = useRealAdvisor('advisor-parts');

describe('a 几 meaning "several"', () => {
  it('is not a count question after 好/这/那 or in a clause asking something else', () => {
    expect(questionShape('好几个城市都开了班列，这是怎么造成的？').quantity).toBe(false);
    expect(questionShape('这几个县为什么要合作？').quantity).toBe(false);
    expect(questionShape('几个村能不能凑到一起去投项目？').quantity).toBe(false);
    // (the asking word before the 几 in its clause)
    expect(questionShape('穷村没条件，能不能几个村凑一起到发达地方建园子？').quantity).toBe(false);
  });
  it('still asks a count when 几 is the question', () => {
    expect(questionShape('浙江建了几个消薄飞地？').quantity).toBe(true);
    expect(questionShape('有几个县参与？').figureKind).toBe('count');
    expect(questionShape('能不能说说浙江建了几个消薄飞地？').quantity).toBe(true);
  });
});

describe('two-part figure questions', () => {
  it('splits a question into its asked parts', () => {
    expect(questionParts('哪一年开园的？它引进了多少项目？')).toEqual(['哪一年开园的？', '它引进了多少项目？']);
    expect(questionParts('What year did it open? And how many projects came in?')).toEqual(['What year did it open?', 'And how many projects came in?']);
    // A phone user's space between Chinese clauses is a comma.
    expect(questionParts('招到了多少人 研发团队占多大比例')).toEqual(['招到了多少人', '研发团队占多大比例']);
  });
  it('answers when each asked figure sits in its own sentence about its own subject', async () => {
    const res = await fx.advisor.ask('衢州海创园是哪一年开园的？它和柯城未来科技村这类科创飞地引进了多少科技项目？');
    expect(res.answered).toBe(true);
    expect(res.citations.some((c) => c.quote.includes('173'))).toBe(true);
  });
});

describe('values the question offers to choose between', () => {
  it('are quoted from each paper, not held against the answer', async () => {
    const shape = questionShape('山海协作工程哪年开始的？有的材料说2001年，有的说2002年');
    expect(shape.offered).toEqual(['2001', '2002']);
    expect(shape.multiDoc).toBe(true);
    expect(questionShape('2001年还是2002年开始实施山海协作工程？').offered).toEqual(['2001', '2002']);
    // (a year the figure is asked for stays one)
    expect(questionShape('2022年浙江山区26县的地区生产总值是多少？').years).toEqual(['2022']);
    const r = await fx.advisor.ask('山海协作工程哪年开始的？有的材料说2001年，有的说2002年，到底哪个对');
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/2001/);
    expect(r.answer).toMatch(/2002/);
  });
});

describe('partial answers to colloquial figure questions', () => {
  it('answer with what the corpus says and name the gap', async () => {
    const r = await fx.advisor.ask('不是说消薄飞地要收益保底吗 那保底收益率一般是多少啊');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('须实行收益保底');
    expect(r.answer).toContain('语料未给出所问的具体数字');
  });
  it('read 多少亿 as a sum of money, so an area (3000亩) is no answer to it', async () => {
    expect(questionShape('省里给了多少亿？').figureKind).toBe('money');
    expect(questionShape('园区吸纳了多少万人就业？').figureKind).not.toBe('money');
    const r = await fx.advisor.ask('省里对飞地园区给了专项资金 到底给了多少亿');
    expect(r.answer).not.toMatch(/^答：.*3000亩/m);
  });
});

describe('a figure asked of two named places', () => {
  it('is not answered partially when no passage names both (a park the corpus never mentions)', async () => {
    const r = await fx.advisor.ask('What tax-sharing ratio did Wenzhou and Taishun agree on for their jointly built Wenzhou–Taishun enclave park?');
    expect(r.answered).toBe(false);
  });
});

describe('an example asked for after a question', () => {
  it('comes from where the question before was answered, even when the follow-up names the part it wants', async () => {
    const r = await fx.advisor.ask('Can you give an example of the land shortage?', { context: '浙江山海协作飞地园区建设面临哪些挑战？' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('江东杭千');
  });
});

describe('a year the papers have, though not on what was asked', () => {
  it('is declined without claiming the corpus has nothing on that year', async () => {
    const r = await fx.advisor.ask("How many Chang'an China-Europe trains ran in 2019?");
    expect(r.answered).toBe(false);
    expect(r.answer).not.toContain('has nothing on “2019”');
    expect(r.answer).toMatch(/2019/);
  });
});
