/**
 * Follow-ups: a question that points back (那…呢, 它, 其, this, it) or names no subject of its own
 * (能举个例子吗？, what are its weaknesses?) is read with the previous question's subject. One rule
 * for the retriever and the advisor; each decides with its own notion of a subject word.
 */

/** Openings that point back to what was asked before. */
export const POINTS_BACK = /^(?:那么?|它们?|其|这个?|该|此|上述|那这个|然后|还有|and\b|so\b|what about\b|how about\b|it\b|its\b|they\b|their\b|this\b|that\b)/i;

/** A word anywhere in a later part of a question that points at what an earlier part named (how did that compare…, 同比增长多少). */
export const REFERS_BACK = /它|其|该|这|那|此|上述|同比|同期|上年|去年|\b(?:it|its|that|this|they|their|them|those|these|previous year|year before|same period)\b/i;

/** Nouns that frame what is asked about a subject (an example, its features, problems, measures), never the subject, alone or with a modifier (关键特征). */
export const FRAME_NOUN =
  /^(?:关键|主要|核心|基本|典型|重要|具体)?(?:关键|主要|核心|基本|典型|重要|具体|例子|例|案例|实例|特点|特征|问题|难点|困难|对策|措施|办法|作用|意义|影响|原因|好处|优势|劣势|风险|挑战|经验|做法|条件|要求|区别|不同|关系|情况|内容|方式|方法|途径|路径|意思|定义|前景|效果|成效|example|examples|case|cases|feature|features|problem|problems|measure|measures|role|effect|effects|risk|risks|challenge|challenges|advantage|advantages|difference|differences|weakness|weaknesses)$/i;

/** Whether a question, given the subject words found in it, needs the previous question's subject. */
export function needsPreviousSubject(question: string, ownSubjects: readonly string[]): boolean {
  return POINTS_BACK.test(question.trim()) || PRONOUN_SUBJECT.test(question.trim()) || ownSubjects.length === 0;
}

/** A question whose subject is a personal pronoun (how is it supposed to be run? what do they get?): it asks about what came before. */
const PRONOUN_SUBJECT = /^(?:and\s+|so\s+|ok(?:ay)?,?\s+(?:so\s+)?)?(?:how|what|why|when|where|who|which|whom)\s+(?:\w+\s+)?(?:is|are|was|were|does|do|did|can|could|should|will|would|has|have|had)\s+(?:it|they)\b/i;

/**
 * "The sci-tech one", "what about the end one?": an English follow-up naming a kind by its modifier
 * and "one" means that kind of the previous question's noun (sci-tech + enclave models → sci-tech
 * enclave). The modifier and a noun of the context are joined when the result is a known phrase
 * (`isPhrase`: the glossary's); otherwise the question is left as it is.
 */
export function expandOne(question: string, context: string, isPhrase: (phrase: string) => boolean): string {
  const m = /\bthe\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s+ones?\b/i.exec(question);
  if (!m) return question;
  const nouns = [...new Set((context.toLowerCase().match(/[a-z][a-z-]{2,}/g) ?? []).map((w) => w.replace(/s$/, '')))];
  for (const noun of nouns) {
    const phrase = `${m[1]!.toLowerCase()} ${noun}`;
    if (isPhrase(phrase)) return `${question.slice(0, m.index)}the ${phrase}${question.slice(m.index + m[0].length)}`;
  }
  return question;
}
