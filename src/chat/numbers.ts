/**
 * Small number readers for the guided forms (one answer per step). Chat text with a whole split
 * in it goes to the tools' own parser; these only read single amounts and ratio lists.
 */

import { parseNumeral } from '../tools/cn-number';

/** English multipliers after an Arabic number; none means yuan. */
const EN_UNITS: Array<[RegExp, number]> = [
  [/^(rmb|yuan|cny)?$/i, 1],
  [/^(billion|bn|b)$/i, 1e9],
  [/^(million|mn|m)$/i, 1e6],
  [/^(thousand|k)$/i, 1e3],
];

/** A Chinese or mixed numeral (the tools' reader): `1亿5000万`, `一点五亿`, `三千万`, `十二`. */
function numeral(s: string): number | undefined {
  const v = parseNumeral(s)?.toNumber();
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/**
 * One amount: `1.5亿`, `1000万元`, `1亿5000万`, `一亿五千万`, `一点五亿`, `2,400,000`, `10 million`.
 * Undefined when unreadable.
 */
export function parseAmount(text: string): number | undefined {
  const s = text.trim().replace(/[,，_]/g, '').replace(/\s+/g, ' ');
  const en = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([a-z]*)$/i.exec(s);
  if (en) {
    const unit = EN_UNITS.find(([re]) => re.test(en[2]));
    const v = unit ? Number(en[1]) * unit[1] : NaN;
    return Number.isFinite(v) ? v : undefined;
  }
  const zh = s.replace(/\s+/g, '').replace(/(人民币)?(元|块)$/, '');
  const neg = zh.startsWith('-');
  const v = numeral(neg ? zh.slice(1) : zh);
  return v === undefined ? undefined : neg ? -v : v;
}

/** `6:4`, `60 40`, `6：4：2`, `0.6/0.4` → numbers; undefined when any part is not a number. */
export function parseNumberList(text: string): number[] | undefined {
  const parts = text
    .trim()
    .replace(/[%％]/g, '')
    .split(/[\s:：,，、/比]+/)
    .filter(Boolean);
  if (!parts.length) return undefined;
  const nums = parts.map((p) => (/^[\d.]+$/.test(p) ? Number(p) : numeral(p)));
  return nums.every((n) => n !== undefined && Number.isFinite(n)) ? (nums as number[]) : undefined;
}

/** "no" in the languages officials type it. */
export function isNone(text: string): boolean {
  return /^(无|没有|没|不|否|不用|跳过|略|none|no|nope|skip|n|-|—|0)$/i.test(text.trim().replace(/[。.!！]$/, ''));
}
