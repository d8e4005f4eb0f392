/**
 * Whether a text holds a term — verbatim, or for a compound measure with a modifier between its
 * words (财政收入 in 财政平均收入, 工业产值 in 工业总产值): the words in order, at most three
 * characters apart, within one clause. Both in matchText form.
 */
import { getJieba } from '../retrieval/tokenize';
import { remember } from '../memo';

const gappedCache = new Map<string, RegExp | null>();
function gapped(alt: string): RegExp | null {
  return remember(gappedCache, alt, 5000, () => {
    let words = /^[\u4e00-\u9fff]{4,}$/.test(alt) ? getJieba().cut(alt, false) : [];
    // A four-character compound the dictionary holds whole (财政收入) is two words all the same.
    if (words.length === 1 && alt.length === 4) words = [alt.slice(0, 2), alt.slice(2)];
    return words.length >= 2 && words.every((w) => w.length >= 2) ? new RegExp(words.join('[^，。；,;]{1,3}')) : null;
  });
}

export function holds(text: string, term: string): boolean {
  return text.includes(term) || (gapped(term)?.test(text) ?? false);
}
