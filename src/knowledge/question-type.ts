/**
 * What kind of answer a question asks for, from its wording alone: the shape the retriever weighs its
 * channels by and the advisor composes with. Facts of language, not of any one question.
 */
export type QuestionType = 'list' | 'figure' | 'definition' | 'other';

// 几个/几点 alone count (有几个园区, 涨了几个点): a list is asked for by its kind word (几种, 几个方面, 几类).
/** 几个 before a kind noun (几个主要方面, 几个难点); shared by LIST_ZH and LIST_COUNT. */
const SEVERAL_KINDS = '几个(?:主要|重要|关键|核心|基本|典型)?(?:方面|模式|类型|阶段|环节|步骤|特征|特点|原因|问题|难点|机制|路径|方向|层面|维度)';
/** 哪几种 / 哪些方面 / 有哪几个 / 几类 / 那几个机制都是什么 / 挑战都说说, 都有啥 (all of them) / what are the (N) kinds|ways|measures / list … */
const LIST_ZH = new RegExp(`(?:哪几|哪些|哪[两三四五六七八九十](?:种|类|个|项|条|大|方面|重|套|点)|几[种类项条大套重]|${SEVERAL_KINDS}|有哪|分为|包括什么|主要(?:有|包括)|列举|列一下|列出|罗列|梳理|盘点|逐一|逐条|一一|分别是|各是|[那这]几[个种类项条大重点方][^，。？?]{0,10}?(?:都|各|分别)?(?:是|叫)什么|都(?:说说|讲讲|说一说|讲一讲|谈谈|列出来|列一列|有啥|有些啥|有些什么|有什么|包括啥|包括什么))`);
const LIST_EN = /\b(?:(?:which|what) (?:[\w-]+ ){0,4}(?:mechanisms|remedies|pathways|paths|measures|steps|ways|kinds|types|modes|models|features|characteristics|challenges|problems|directions|forces|drivers|building blocks|policies|recommendations|suggestions|countermeasures|obstacles|difficulties|bottlenecks|advantages|categories|stages|pillars|elements)|what are (?:all )?(?:of )?the|which are (?:all )?(?:of )?the|what are all (?:of )?(?:those|these|them)|what are (?:they|those|these)\b(?! (?:for|about|like|called|doing|used|based)\b)|list|every (?:single )?(?:aspect|point|item|area|way|measure|step|problem|challenge|feature|kind|type|thing) (?:the (?:paper|article|study|authors?) )?(?:lists?|names?|gives?|mentions?)|name the|what (?:kinds|types|ways|measures|steps|features|challenges|problems|modes|paths|directions)|(?:two|three|four|five|six|several) (?:\w+ )?(?:kinds|types|ways|measures|steps|features|challenges|problems|modes|paths|directions|mechanisms|characteristics|aspects|models|forces|drivers))\b/i;
const FIGURE_ZH = /(?:多少|几(?:个|年|亿|万|家|倍|成)|百分之几|多大|多高|比例|比重|占比|哪一?年|何时|什么时候|多久)/;
const FIGURE_EN = /\b(?:how (?:many|much|large|big|long)|what (?:share|percentage|proportion|year|amount)|when (?:was|did))\b/i;
const DEFINITION_ZH = /(?:什么是|何为|何谓|是什么|什么叫|指的是|是指什么|含义|定义|什么意思)/;
const DEFINITION_EN = /\b(?:what is an?|what is the|what does .+ mean|define|definition of|meaning of)\b/i;

/**
 * English: "which/what" with a plural noun within a few words asks for several things (which areas,
 * what contradictions, which five mechanisms) — unless it asks how many or what share.
 */
const PLURAL_ASK_EN = /\b(?:which|what)\s+(?:(?:main|key|major|two|three|four|five|six|seven|several|specific|concrete|other|different|typical|general|basic|policy|institutional|practical|common|new|important|core|[a-z]{3,}(?:ing|ed|al|ic|ive|ous|ent|ant|ary))\s+){0,2}(?!(?:is|was|has|does|this|its|thus|status|process|business|progress|access|success|analysis|basis)\b)[a-z]{3,}(?:ies|[^s'u]s)\b/i;

const FACET_IS_WHAT = /(?:对策|措施|举措|办法|建议|药方|问题|难点|难题|原因|特点|特征|优势|挑战|路径|做法|经验|短板)(?:都|分别|主要|具体)?(?:是|有)(?:什么|啥|哪些)/;

export function questionType(q: string): QuestionType {
  if (LIST_ZH.test(q) || LIST_EN.test(q)) return 'list';
  if (FIGURE_ZH.test(q) || FIGURE_EN.test(q)) return 'figure';
  if (PLURAL_ASK_EN.test(q)) return 'list';
  // 对策是什么, 原因是啥: what the measures (problems, causes…) are is their list, not a definition.
  if (FACET_IS_WHAT.test(q)) return 'list';
  if (DEFINITION_ZH.test(q) || DEFINITION_EN.test(q)) return 'definition';
  return 'other';
}

/**
 * Whether a question asks for a figure besides any list it asks for: 一共总结了几种模式 counts the
 * list's items (no figure beyond the list), 哪一年开园？重点招引哪些领域？ asks a year as well.
 */
/** The words that ask how many items a list has (有哪几个, 哪两种, 几类): part of the list question. */
const LIST_COUNT = new RegExp(`(?:有)?哪(?:几|些|[两三四五六七八九十])(?:个|种|类|项|条|大|套|重|点|方面)?|几(?:种|类|项|条|大|套|重)|${SEVERAL_KINDS}`, 'g');

export function asksFigureBesidesList(q: string): boolean {
  const rest = q.replace(LIST_COUNT, ' ').replace(new RegExp(LIST_ZH.source, 'g'), ' ').replace(new RegExp(LIST_EN.source, 'gi'), ' ');
  return FIGURE_ZH.test(rest) || FIGURE_EN.test(rest);
}

/**
 * The words that ask for a list (哪些地方, 哪几个方面, 几条): the frame of a list question, not its
 * topic. jieba cuts them into pieces (些地方, 几个) a list should not need to contain.
 */
export function askingFrames(q: string): string[] {
  return [...q.matchAll(/(?:有)?(?:哪些|哪几|哪[两二三四五六七八九十]|几)(?:个|种|类|项|条|大|套|重|点)?(?:地方|方面|点|环节|层面|类型|种类|类别|形式|做法)?/g)].map((m) => m[0]).filter((f) => f.length >= 2);
}
