/**
 * The figure shape's honest edge: a figure question whose year or place the corpus does not have,
 * while it does state the same measure for another year or place (2023 asked, 2022 given), is
 * declined with that plainly said — never answered with the other year's figure as if it were asked.
 */
import type { CorpusDocument } from '../../corpus/schema';
import { figuresOf, type FigureRow } from '../../knowledge/figures';
import { holds } from '../match';
import { matchText } from '../stats';

/** Whether a word or label is a calendar year (2022, not 22 or 20221). */
export const isCalendarYear = (s: string): boolean => /^(?:19|20)\d{2}$/.test(s);

/** The years a question names (matchText form). */
export function yearsIn(question: string): string[] {
  return [...new Set(matchText(question).match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? [])];
}

/** The row stating the question's measure for a period or entity other than the ones it asks about. */
export function figureElsewhere(question: string, docs: CorpusDocument[], measured: string[] = [], missing: string[] = []): FigureRow | undefined {
  const q = matchText(question);
  const years = yearsIn(question);
  for (const doc of docs) {
    for (const row of figuresOf(doc)) {
      const measure = matchText(row.measure);
      if (measure.length < 2) continue;
      const sameMeasure = holds(q, measure) || measured.some((a) => a.length >= 2 && (holds(measure, a) || holds(a, measure)));
      if (!sameMeasure) continue;
      // The year asked is what the evidence lacked, and the row states the measure for another year;
      // every other name the question gives must be in the row's sentence.
      const askedYears = missing.filter(isCalendarYear);
      const otherYear = askedYears.length > 0 && row.period !== '' && !askedYears.some((y) => row.period.includes(y));
      const namesHeld = missing.filter((m) => !isCalendarYear(m)).every((m) => matchText(row.quote).includes(matchText(m)));
      if (otherYear && namesHeld && years.length > 0) return row;
    }
  }
  return undefined;
}

export function figureElsewhereText(lang: 'zh' | 'en', row: FigureRow, asked: readonly string[]): string {
  const when = [row.period, row.entity].filter(Boolean).join('，');
  const named = asked.map((a) => (isCalendarYear(a) ? (lang === 'en' ? a : `${a}年`) : a));
  if (lang === 'en') return `The corpus gives this figure only for ${when || 'another year or place'}, not for ${named.join(', ') || 'the one asked'}: “${row.quote}”`;
  return `语料只给出了${when || '其他年份或地区'}的数字，没有${named.join('、') || '所问'}的：“${row.quote}”`;
}
