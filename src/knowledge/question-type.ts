/**
 * What kind of answer a question asks for, from its wording alone: the shape the retriever weighs its
 * channels by and the advisor composes with. Facts of language, not of any one question.
 */
export type QuestionType = 'list' | 'figure' | 'definition' | 'other';

/** 哪几种 / 哪些方面 / 有哪几个 / 几类 / what are the (N) kinds|ways|measures / list … */
const LIST_ZH = /(?:哪几|哪些|哪[两三四五六七八九十]|几[种类个项条大方点]|有哪|分为|包括什么|主要(?:有|包括)|列举|分别是|各是)/;
const LIST_EN = /\b(?:(?:which|what) (?:[\w-]+ ){0,4}(?:mechanisms|remedies|pathways|paths|measures|steps|ways|kinds|types|modes|models|features|characteristics|challenges|problems|directions|forces|drivers|building blocks|policies|recommendations|suggestions|countermeasures|obstacles|difficulties|bottlenecks|advantages|categories|stages|pillars|elements)|what are the|which are the|list|name the|what (?:kinds|types|ways|measures|steps|features|challenges|problems|modes|paths|directions)|(?:two|three|four|five|six|several) (?:\w+ )?(?:kinds|types|ways|measures|steps|features|challenges|problems|modes|paths|directions|mechanisms|characteristics|aspects|models|forces|drivers))\b/i;
const FIGURE_ZH = /(?:多少|几(?:个|年|亿|万|家|倍|成)|百分之几|多大|多高|比例|比重|占比|哪一?年|何时|什么时候|多久)/;
const FIGURE_EN = /\b(?:how (?:many|much|large|big|long)|what (?:share|percentage|proportion|year|amount)|when (?:was|did))\b/i;
const DEFINITION_ZH = /(?:什么是|何为|何谓|是什么|什么叫|指的是|是指什么|含义|定义|什么意思)/;
const DEFINITION_EN = /\b(?:what is an?|what is the|what does .+ mean|define|definition of|meaning of)\b/i;

export function questionType(q: string): QuestionType {
  if (LIST_ZH.test(q) || LIST_EN.test(q)) return 'list';
  if (FIGURE_ZH.test(q) || FIGURE_EN.test(q)) return 'figure';
  if (DEFINITION_ZH.test(q) || DEFINITION_EN.test(q)) return 'definition';
  return 'other';
}
