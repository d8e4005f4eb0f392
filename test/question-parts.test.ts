/**
 * Questions of several parts: how they are split, and (through the real offline advisor) that each
 * part is answered on its own evidence, a part the corpus lacks is said to be unanswered, and a part
 * that leans on an unanswered part is not filled with other facts.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PARTS, questionParts } from '../src/advisor/parts';
import { useRealAdvisor } from './helpers/real-advisor';

describe('questionParts', () => {
  it('splits at question marks, and at commas only when every piece asks', () => {
    expect(questionParts('衢州海创园哪一年开园？入驻了多少家企业？')).toEqual(['衢州海创园哪一年开园？', '入驻了多少家企业？']);
    expect(questionParts('签了多少个项目，总投资多大？')).toEqual(['签了多少个项目，', '总投资多大？']);
    expect(questionParts('什么是飞地接力？')).toEqual(['什么是飞地接力？']);
    // A statement before the question stays with it.
    expect(questionParts('那份指导意见，是哪一年发的？')).toEqual(['那份指导意见，是哪一年发的？']);
    expect(questionParts('衢州海创园是2016年开园的。它引进了多少项目？')).toHaveLength(1);
    // Conditions and embedded 哪/怎么 are one question, not three.
    expect(questionParts('要是只让资金自己往哪儿流就往哪儿流，不去管收益怎么分，山区会遇到什么问题？')).toHaveLength(1);
  });

  it('reads a message of more than MAX_PARTS questions as one', () => {
    const many = Array.from({ length: MAX_PARTS + 1 }, (_, i) => `衢州海创园第${i + 1}年引进了多少个项目？`).join('');
    expect(questionParts(many)).toEqual([many]);
    const six = Array.from({ length: MAX_PARTS }, (_, i) => `衢州海创园第${i + 1}年引进了多少个项目？`).join('');
    expect(questionParts(six)).toHaveLength(MAX_PARTS);
  });

  it('splits English at question marks and at "and what/how…"', () => {
    expect(questionParts('How many trains ran in 2023? What share was that?')).toEqual(['How many trains ran in 2023?', 'What share was that?']);
    expect(questionParts('What is the document number, and what does it allow partners to divide?')).toEqual(['What is the document number', 'what does it allow partners to divide?']);
    expect(questionParts('What is an enclave relay?')).toEqual(['What is an enclave relay?']);
  });
});

describe('answers part by part (real advisor)', () => {
  const fx = useRealAdvisor('question-parts');

  it('answers each part with its own facts, under its own question', async () => {
    // Two facts from two papers: asked as one question, each part finds its own paper.
    const r = await fx.advisor.ask('浙江山区26县2022年的地区生产总值是多少？长安号2023年上半年开行了多少列？');
    expect(r.answered).toBe(true);
    const [first, second] = r.answer.split(/\n二、/);
    expect(first).toContain('7404 亿元');
    expect(second).toContain('2619 列');
    const text = fx.retriever.docs.map((d) => d.raw).join('\n');
    for (const c of r.citations) expect(text.includes(c.quote)).toBe(true);
    // Citation numbers are one sequence across the parts.
    expect(r.citations.map((c) => c.n)).toEqual(r.citations.map((_, i) => i + 1));
  });

  it('declines the whole question when a part names a park the corpus never mentions', async () => {
    const r = await fx.advisor.ask('青禾飞地产业园哪一年开园？入驻了多少家企业？');
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('青禾飞地产业园');
  });

  it('reads a figure part that names no place as asking about the place the part before named', async () => {
    // The corpus mentions 深汕特别合作区 once, with no figures; 金磐开发区's area and the 26 counties' GDP are other places' figures.
    const r = await fx.advisor.ask('深汕特别合作区占地多少平方公里？去年的地区生产总值有多少？');
    expect(r.answered).toBe(false);
    expect(r.answer).not.toMatch(/2\.1平方公里|7404/);
  });

  it('does not answer a part that leans on an unanswered part', async () => {
    const r = await fx.advisor.ask('How many freight trains left Zhengzhou in 2022, and how did that compare with the year before?');
    if (r.answered) expect(r.answer).toMatch(/does not answer this part/);
    expect(r.answer).not.toContain('46.2%');
  });
});
