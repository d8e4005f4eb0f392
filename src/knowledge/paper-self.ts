/**
 * Sentences about the paper itself (本文的创新点…, 研究方法上…, this paper argues…) answer questions
 * about the paper, not about its subject: issue 10 asks that they be quoted only when the question is
 * about the paper. Facts of language, not of any one question.
 */

/** A sentence or list lead that speaks of the paper, its study or its authors. */
const SPEAKS_OF_PAPER = /本文|本研究|本课题|笔者|研究视角上|研究内容上|研究方法上|\bthis (?:paper|study|article)\b|\bin this (?:paper|study|article)\b/i;

/** A question about the paper: what it argues, how it studies, what is new in it. */
const ASKS_ABOUT_PAPER = /本文|这篇|该文|此文|文章|论文|作者|笔者|研究(?:方法|视角|内容|思路|框架|对象|意义|结论|不足)|创新点|文献|\bthe (?:paper|study|article|authors?)\b|\bthis (?:paper|study|article)\b|\bresearch (?:method|approach|design)\b|\bliterature\b/i;

export function speaksOfPaper(text: string): boolean {
  return SPEAKS_OF_PAPER.test(text);
}

export function asksAboutPaper(question: string): boolean {
  return ASKS_ABOUT_PAPER.test(question);
}
