/**
 * Numbers as officials type them: Arabic (1.5, 2400), Chinese numerals (一千二百万, 两亿, 一亿五千万,
 * 一万二 = 12000), and mixes (1亿5000万, 3千万). Exact (rational) results.
 */
import { Q } from './rational';

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CN_DIGIT_CHARS = '零〇一二两三四五六七八九';
export const CN_NUMBER_CHARS = `${CN_DIGIT_CHARS}十百千万亿点`;

/** Parses a numeral string; undefined when it is not one. */
export function parseNumeral(text: string): Q | undefined {
  const s = text.replace(/\s+/g, '');
  if (!s) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(s)) return Q.from(Number(s));
  if (!new RegExp(`^[\\d.${CN_NUMBER_CHARS}]+$`).test(s)) return undefined;

  let total = Q.ZERO; // parts already closed by 万 or 亿
  let section = Q.ZERO; // below 万
  let number: Q | undefined; // the pending digit(s)
  let lastUnit = 0; // the unit just closed, for colloquial 一万二 = 12000
  let afterZero = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    const arabic = /^\d+(?:\.\d+)?/.exec(s.slice(i));
    if (arabic) {
      number = Q.from(Number(arabic[0]));
      i += arabic[0].length;
      continue;
    }
    if (ch === '点') {
      // 一点五 → 1.5: read the following digits as a decimal fraction
      let j = i + 1;
      let frac = '';
      while (j < s.length && DIGITS[s[j]] !== undefined) frac += String(DIGITS[s[j++]]);
      if (!frac) return undefined;
      number = Q.from(Number(`${number ? number.toFixed(0) : '0'}.${frac}`));
      i = j;
      continue;
    }
    if (DIGITS[ch] !== undefined) {
      if (DIGITS[ch] === 0) afterZero = true;
      else number = Q.int(DIGITS[ch]);
      i++;
      continue;
    }
    if (SMALL_UNITS[ch]) {
      section = section.add((number ?? Q.ONE).mul(Q.int(SMALL_UNITS[ch])));
      number = undefined;
      lastUnit = SMALL_UNITS[ch];
      afterZero = false;
      i++;
      continue;
    }
    if (ch === '万' || ch === '亿') {
      const unit = ch === '万' ? 10_000 : 100_000_000;
      const part = section.add(number ?? (section.isZero() ? Q.ONE : Q.ZERO));
      if (ch === '亿') total = total.add(part).mul(Q.int(unit));
      else total = total.add(part.mul(Q.int(unit)));
      section = Q.ZERO;
      number = undefined;
      lastUnit = unit;
      afterZero = false;
      i++;
      continue;
    }
    return undefined;
  }
  if (number) {
    // 一万二 / 三千五: a lone digit right after a unit means the next lower place
    const colloquial = !afterZero && lastUnit >= 100 && number.d === 1n && number.n < 10n;
    section = section.add(colloquial ? number.mul(Q.int(lastUnit / 10)) : number);
  }
  return total.add(section);
}
