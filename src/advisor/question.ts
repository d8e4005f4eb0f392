/**
 * What shape of answer a question asks for, read from its wording alone: a figure, a definition,
 * a list of kinds or differences. The shape decides what the evidence must hold (a figure question
 * needs a number beside its subject) and how much of a paragraph to quote (a definition runs on).
 */

// 什么是 X / X 是什么 / what is X: the user wants a definition.
const DEFINITIONAL = /什么是|是什么|何谓|含义|内涵|定义|指什么|什么叫|\bwhat (?:is|are|does)\b|\bdefin|\bmeaning\b|\bmean\b/i;

// The answer is several things: kinds, differences, the parts of a model. Quoting one sentence of
// such an answer gives half of it (正向飞地 without 反向飞地).
const ENUMERATIVE =
  /区别|差别|不同|异同|分为|分成|哪几类|哪些类|几类|几种|类型|种类|包括哪些|分别|各[管负承做]|\b(?:differ|difference|kinds?|types?|categor|distinguish|versus|vs\.?|compare|components?|parts|stages?|each)\b/i;

/**
 * The question asks for a quantity or a date: 多少 / 几个 / 多大 / 比例 / 哪一年 / how many / how
 * much / how long / what percentage / population / GDP … The answer is a number, so evidence that
 * holds no number about the question's subject cannot answer it.
 */
const QUANTITY_ZH = /多少|(?<!哪)几[个家项座条年次倍成万亿千百十]|多[大长高远久重宽深快]|比例|比重|占比|百分之|税率|利率|增速|增长率|哪一?年|何年|何时|什么时候|几月|几号/;
const QUANTITY_EN =
  /\bhow (?:many|much|long|large|big|far|high|fast|old)\b|\bwhat (?:percentage|percent|share|proportion|fraction|ratio|rate|amount|number|size|area|length)\b|\b(?:in |by )?(?:what|which) year\b|\bwhen (?:did|was|were|will|is|does)\b|\bby when\b|\bwhat (?:is|was|are|were) (?:the |its |their )?(?:[\w'-]+ ){0,3}(?:population|gdp|wages?|salary|prices?|rate|area|length|size|output|revenue|income|budget|number|amount|ratio|share)\b/i;

// English measure nouns (the quantity named by the question: population, GDP, wage …), captured.
const MEASURE_EN = /\bwhat (?:is|was|are|were) (?:the |its |their )?(?:[\w'-]+ ){0,3}(population|gdp|wages?|salary|prices?|rate|area|length|size|output|revenue|income|budget|ratio)\b/i;

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;

export interface QuestionShape {
  definitional: boolean;
  /** The answer has several parts (kinds, differences, each side's role). */
  enumerative: boolean;
  /** The answer is a number or a date. */
  quantity: boolean;
  /** Years the question names (2022, 2023): evidence about another year does not answer it. */
  years: string[];
  /** Every number the question itself names: a figure that answers it must be another one. */
  numbers: string[];
  /**
   * Where the quantity is asked for (index of 多少 / 多大 / "population" … in the NFKC question),
   * -1 when not a quantity question: the noun beside it is what is measured (面积是多少, 多少个生态补偿飞地).
   */
  quantityAt: number;
  /** Length of the quantity wording at `quantityAt`. */
  quantityLength: number;
}

export function questionShape(question: string): QuestionShape {
  const q = question.normalize('NFKC');
  const m = QUANTITY_ZH.exec(q) ?? MEASURE_EN.exec(q) ?? QUANTITY_EN.exec(q);
  return {
    quantityAt: m ? m.index + (m[1] ? m[0].length - m[1].length : 0) : -1,
    quantityLength: m ? (m[1] ?? m[0]).length : 0,
    definitional: DEFINITIONAL.test(q),
    enumerative: ENUMERATIVE.test(q),
    quantity: QUANTITY_ZH.test(q) || QUANTITY_EN.test(q),
    years: [...new Set(q.match(YEAR) ?? [])],
    numbers: [...new Set(q.match(/\d+(?:\.\d+)?/g) ?? [])],
  };
}

/** Figures in a text: digits, or Chinese numerals followed by a counter (五个, 两万, 三成). */
const FIGURE = /\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+(?:个|家|项|座|条|倍|成|万|亿)/g;

/**
 * True when `text` (matchText form) holds a figure other than the question's own numbers — a
 * candidate answer to a quantity question. "2022 年 … 26 县" in the question is context, not answer.
 */
export function hasFreshFigure(text: string, questionNumbers: string[]): boolean {
  for (const m of text.match(FIGURE) ?? []) {
    if (/^\d/.test(m) && questionNumbers.includes(m)) continue;
    return true;
  }
  return false;
}
