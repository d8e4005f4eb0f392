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

/**
 * The phrases by which a question names one of the papers (26县那篇, 大陆桥一文, the land-bridge
 * paper, the article on Zhejiang's mountain-sea cooperation): the words that say which paper, without
 * the word "paper". A question may name several (…那篇跟山海协作那篇各自…).
 */
export function paperPhrases(question: string): string[] {
  const out: string[] = [];
  // 26县那篇 / 大陆桥一文 / 讲反向飞地的那篇文章 / 飞地接力一文 / 新亚欧大陆桥相关研究 / 山海协作研究与…
  for (const m of question.matchAll(/([\u4e00-\u9fffA-Za-z0-9“”"「」]{2,12}?)(?:的)?(?:那篇|这篇|一文|那个研究|相关研究|的文章|的论文|文章|论文|文献|(?<![原建耗])材料|研究(?=[与和及、，,]|分别|各自|提出|认为|指出|中|里))/g)) {
    const phrase = m[1]!.replace(/^(?:请结合|结合|综合|根据|讲|说|写|谈|关于|按|照|据|在|而|跟|和|与|及|那|这)+/, '').replace(/[讲说写谈的]+$/, '');
    if (phrase.length >= 2) out.push(phrase);
  }
  // the land-bridge paper / the Southeast Asia paper / the Zhejiang commentary
  for (const m of question.matchAll(/\bthe\s+((?:(?!the\b)[A-Za-z0-9’'–\-]+\s+){0,5}?(?!the\b)[A-Za-z0-9’'–\-]+)\s+(?:paper|article|commentary|study|report)\b/gi)) {
    const phrase = m[1]!.replace(/^(?:first|second|other|same|whole|original)\s+/i, '');
    if (!/^(?:first|second|other|same|whole|original|this|that)$/i.test(phrase)) out.push(phrase);
  }
  // the paper on / about / discussing …
  for (const m of question.matchAll(/\b(?:paper|article|commentary|study|report)\s+(?:on|about|discussing|covering|that (?:discusses|covers|studies))\s+((?:[A-Za-z0-9’'–\-]+\s*){1,6})/gi)) {
    out.push(m[1]!.trim().replace(/\s+(?:and|but|what|which|how|does|do|is|are|propose|proposes|say|says)\b.*$/i, ''));
  }
  return out.filter((p) => p.length >= 2);
}
