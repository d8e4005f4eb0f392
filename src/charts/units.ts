/**
 * Amounts on a chart: one unit per chart, chosen from its largest amount, so bars and axis read
 * alike. Chinese charts use 万元 (the unit officials write reports in) from 10,000 元 up, 亿元 from
 * 10亿 up; English ones million yuan from a million up, billion yuan from a billion.
 */
import type { ChartLang as Lang } from './lang';

export interface AmountUnit {
  divisor: number;
  /** Shown after a number: "万元", " million yuan". */
  suffix: string;
  /** The axis name. */
  name: string;
}

export function amountUnit(maxAbs: number, lang: Lang): AmountUnit {
  // Above 1 billion (10亿) the axis would need 9+ digits: 亿元 / billion yuan instead.
  if (lang === 'en') {
    if (maxAbs >= 1e9) return { divisor: 1e9, suffix: ' billion yuan', name: 'billion yuan' };
    return maxAbs >= 1e6 ? { divisor: 1e6, suffix: ' million yuan', name: 'million yuan' } : { divisor: 1, suffix: ' yuan', name: 'yuan' };
  }
  if (maxAbs >= 1e9) return { divisor: 1e8, suffix: '亿元', name: '亿元' };
  return maxAbs >= 1e4 ? { divisor: 1e4, suffix: '万元', name: '万元' } : { divisor: 1, suffix: '元', name: '元' };
}

/** 1234567.891 → "1,234,567.89" (at most `digits` decimals, trailing zeros dropped). */
export function groupNumber(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatAmount(yuan: number, unit: AmountUnit): string {
  // To the yuan at most (1.2346万元): a chart label; the exact cents are in the text and the workbook.
  const digits = unit.divisor === 1 ? 2 : unit.divisor === 1e4 ? 4 : unit.divisor === 1e6 ? 6 : 8;
  return `${groupNumber(yuan / unit.divisor, digits)}${unit.suffix}`;
}

export function formatPercent(share: number): string {
  return `${groupNumber(share * 100, 2)}%`;
}

/** A total in words, like the calculator's: 150000000 → "1.5亿元" / "150 million yuan". */
export function totalInWords(yuan: number, lang: Lang): string {
  if (lang === 'en') {
    if (Math.abs(yuan) >= 1e9) return `${groupNumber(yuan / 1e9, 4)} billion yuan`;
    if (Math.abs(yuan) >= 1e6) return `${groupNumber(yuan / 1e6, 4)} million yuan`;
    return `${groupNumber(yuan, 2)} yuan`;
  }
  if (Math.abs(yuan) >= 1e8) return `${groupNumber(yuan / 1e8, 4)}亿元`;
  if (Math.abs(yuan) >= 1e4) return `${groupNumber(yuan / 1e4, 4)}万元`;
  return `${groupNumber(yuan, 2)}元`;
}
