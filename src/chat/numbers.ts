/**
 * Small number readers for the guided forms (one answer per step). Chat text with a whole split
 * in it goes to the tools' own parser; these only read single amounts and ratio lists.
 */

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** `三千五百` → 3500, `十二` → 12; undefined when the text is not a Chinese numeral. */
export function parseChineseInt(s: string): number | undefined {
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else {
      const unit = CN_UNITS[ch];
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    }
  }
  if (digit > 0) total += digit;
  return total;
}

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^(亿元|亿)$/, 1e8],
  [/^(千万元|千万)$/, 1e7],
  [/^(百万元|百万)$/, 1e6],
  [/^(万元|万)$/, 1e4],
  [/^(元|块|rmb|yuan|cny)?$/i, 1],
  [/^(billion|bn|b)$/i, 1e9],
  [/^(million|mn|m)$/i, 1e6],
  [/^(thousand|k)$/i, 1e3],
];

/** One amount: `1.5亿`, `1000万元`, `2,400,000`, `10 million`, `三千万`. Undefined when unreadable. */
export function parseAmount(text: string): number | undefined {
  const s = text.trim().replace(/[,，_]/g, '').replace(/\s+/g, ' ');
  const m = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|[零〇一二两三四五六七八九十百千]+)\s*([^\d\s]*)$/i.exec(s);
  if (!m) return undefined;
  const base = /\d/.test(m[1]) ? Number(m[1]) : parseChineseInt(m[1]);
  if (base === undefined || !Number.isFinite(base)) return undefined;
  const unit = m[2].trim();
  for (const [re, mult] of MULTIPLIERS) if (re.test(unit)) {
    const v = base * mult;
    return Number.isFinite(v) ? v : undefined;
  }
  return undefined;
}

/** `6:4`, `60 40`, `6：4：2`, `0.6/0.4` → numbers; undefined when any part is not a number. */
export function parseNumberList(text: string): number[] | undefined {
  const parts = text
    .trim()
    .replace(/[%％]/g, '')
    .split(/[\s:：,，、/比]+/)
    .filter(Boolean);
  if (!parts.length) return undefined;
  const nums = parts.map((p) => (/\d/.test(p) ? Number(p) : parseChineseInt(p)));
  return nums.every((n) => n !== undefined && Number.isFinite(n)) ? (nums as number[]) : undefined;
}

/** "no" in the languages officials type it. */
export function isNone(text: string): boolean {
  return /^(无|没有|没|不|否|不用|跳过|略|none|no|nope|skip|n|-|—|0)$/i.test(text.trim().replace(/[。.!！]$/, ''));
}
