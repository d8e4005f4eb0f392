/** Which language a question is written in: it decides the answer's frame (Chinese or English). */
export type Lang = 'zh' | 'en';

const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const EN_WORD = /[A-Za-z][A-Za-z'-]+/g;

/**
 * English when English words carry the question: "What is 飞地接力?" is English (2 words vs 4
 * characters), "飞地接力的GDP分成" is Chinese. A Chinese word is worth about two characters.
 */
export function detectLang(text: string): Lang {
  const cjk = (text.match(CJK_CHAR) ?? []).length;
  const words = (text.match(EN_WORD) ?? []).length;
  if (words >= 2 && words * 2 >= cjk) return 'en';
  if (cjk === 0 && words >= 1) return 'en';
  return 'zh';
}

/** True when the text has nothing to search for: empty, or only punctuation, symbols and spaces. */
export function isBlankQuestion(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}
