/**
 * Numbers as they appear in answers, passages and tool outputs, normalised so that
 * `60万元`, `600,000 元` and `600000` compare equal. Pure functions, no I/O.
 */

export interface NumberMention {
  /** The text as written, e.g. `1.2亿`, `35%`, `1,200`. */
  raw: string;
  /** The number as written, without its unit: `1.2` for `1.2亿`. */
  written: number;
  /** The number with its magnitude unit applied: `120000000` for `1.2亿`; for percentages, same as written. */
  value: number;
  /** Digits after the decimal point as written (display precision). */
  decimals: number;
  unit: '' | '万' | '亿' | '万亿' | '千' | '%' | '‰';
  index: number;
}

const SCALE: Record<string, number> = { '': 1, 千: 1e3, 万: 1e4, 亿: 1e8, 万亿: 1e12, '%': 1, '‰': 1 };

// Thousands separators are only taken as such in groups of three (`1,200`), so a list `1,2,3` stays three numbers.
const NUMBER_RE = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万亿|亿|万|千|%|％|‰)?/g;

export function extractNumbers(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const intPart = m[1].replace(/,/g, '');
    const frac = m[2] ?? '';
    const unit = (m[3] === '％' ? '%' : (m[3] ?? '')) as NumberMention['unit'];
    const written = Number(frac ? `${intPart}.${frac}` : intPart);
    if (!Number.isFinite(written)) continue;
    out.push({ raw: m[0], written, value: written * SCALE[unit], decimals: frac.length, unit, index: m.index ?? 0 });
  }
  return out;
}

/** Every number inside a tool's output (nested objects, arrays, numeric strings and formatted text). */
export function collectNumbers(value: unknown, into: number[] = []): number[] {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) into.push(value);
  } else if (typeof value === 'string') {
    for (const m of extractNumbers(value)) into.push(m.written, m.value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectNumbers(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collectNumbers(v, into);
  }
  return into;
}

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Does a number mentioned in an answer equal one of the reference numbers? A mention may show a
 * reference rounded to its displayed precision (`33.3%` for 33.333…), a share as a percentage
 * (`60%` for 0.6), and may carry a magnitude unit (`60万` for 600000, or for 60 when the tool
 * itself works in 万元).
 */
export function matchesAny(m: NumberMention, refs: readonly number[]): boolean {
  const half = 0.5 * 10 ** -m.decimals;
  for (const r of refs) {
    if (close(m.written, r, half)) return true;
    if (m.unit !== '' && m.unit !== '%' && m.unit !== '‰' && close(m.value, r, half * SCALE[m.unit])) return true;
    if (m.unit === '%' && Math.abs(r) <= 1 && close(m.written, r * 100, half)) return true;
    if (m.unit === '‰' && Math.abs(r) <= 1 && close(m.written, r * 1000, half)) return true;
  }
  return false;
}

/** Same number written the same way up to units and separators: for numbers copied from a passage. */
export function sameNumber(a: NumberMention, b: NumberMention): boolean {
  if (a.unit === '%' || b.unit === '%' || a.unit === '‰' || b.unit === '‰') return a.unit === b.unit && a.written === b.written;
  return a.value === b.value;
}
