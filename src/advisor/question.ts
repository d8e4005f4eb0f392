/**
 * What shape of answer a question asks for, read from its wording alone: a figure, a definition,
 * a list of kinds or differences. The shape decides what the evidence must hold (a figure question
 * needs a number beside its subject) and how much of a paragraph to quote (a definition runs on).
 */

// 什么是 X / X 是什么 / what is X: the user wants a definition.
// "what did the word X originally describe", "the term X": a word's sense is asked, as with 指什么.
const DEFINITIONAL = /什么是|是什么|什么意思|何谓|含义|内涵|定义|指什么|什么叫|界定|怎么理解|如何理解|怎样理解|所谓|本义|原指|\bwhat (?:is|are)\b|\bwhat (?:does|do)\b[^?]*\b(?:mean|refer|stand for|denote)\b|\bdefin|\bmeaning\b|\bmean\b|\bthe (?:word|term|notion)\b|\boriginally (?:meant|means|mean|describe[sd]?|referr?e[sd]? to|denote[sd]?)\b/i;

// Asking the name of what the question describes (…what is it called? 这种做法叫什么？) asks for a term, not what
// a term means: the sentences that match the description answer it, not a definition of a word in it.
const NAME_ASKED = /\bwhat(?:'s| is| are| was| were)\s+(?:it|this|that|they|these|those|such (?:a |an )?[a-z]+|this [a-z]+|that [a-z]+)\s+(?:called|known as|named)\b|\bwhat (?:do|does|did) (?:they|you|we|people|the papers?|it) call\b|\b(?:the )?name (?:of|for) (?:it|this|that|such)\b|叫(?:什么|啥|做什么)|称为什么|称作什么|怎么称呼|啥名|什么名/i;

// The answer is several things: kinds, differences, the parts of a model. Quoting one sentence of
// such an answer gives half of it (正向飞地 without 反向飞地).
const ENUMERATIVE =
  /区别|差别|不同|异同|分为|分成|哪几类|哪些类|几类|几种|类型|种类|包括哪些|分别|各[管负承做]|\b(?:differ|difference|kinds?|types?|categor|distinguish|versus|vs\.?|compare|components?|parts|stages?|each)\b/i;

/**
 * The question asks for a quantity or a date: 多少 / 几个 / 多大 / 比例 / 哪一年 / how many / how
 * much / how long / what percentage / population / GDP … The answer is a number, so evidence that
 * holds no number about the question's subject cannot answer it.
 */
// 比例, 税率 … alone name a topic (分钱比例要不要报); asked for, they come with 多少/多大/百分之几.
const QUANTITY_ZH = /多少|(?<!哪)几[个家项座条年次倍成万亿千百十]|多[大长高远久重宽深快]|百分之[几多]|哪一?年|何年|何时|什么时候|几月|几号|有(?:没有|无)?(?:啥|什么)?(?:具体)?(?:数据|数字)(?!经济|化|产业|技术|贸易|平台)|(?:数据|数字)(?:呢|吗)/;
const QUANTITY_EN =
  /\b(?:any|some|the|what|give me) (?:hard |actual |concrete )?(?:figures|numbers|statistics|stats)\b|\bhow (?:many|much|long|large|big|far|high|fast|old)\b|\bwhat (?:[\w'-]+ ){0,3}?(?:percentage|percent|share|proportion|fraction|ratio|rate|amount|number|size|area|length)\b|\b(?:in |by )?(?:what|which) year\b|\bwhen (?:did|was|were|will|is|does)\b|\bby when\b|\bwhat(?: is| was| are| were|'s|’s) (?:the |its |their )?(?:[\w'-]+ ){0,3}(?:population|gdp|wages?|salary|prices?|rate|area|length|size|output|revenue|income|budget|number|amount|ratio|share)\b/i;

// English measure nouns (the quantity named by the question: population, GDP, wage …), captured.
const MEASURE_EN = /\bwhat(?: is| was| are| were|'s|’s) (?:the |its |their )?(?:[\w'-]+ ){0,3}(population|gdp|wages?|salary|prices?|rate|area|length|size|output|revenue|income|budget|ratio)\b/i;

// Several papers are asked about at once.
const MULTI_DOC = /[两二三几各多]篇|[两二三几各多]份(?:材料|文献|文件|研究|报告)|[这那]篇.{1,12}[这那]篇|各(?:自|篇|文|研究|份)|不同(?:的)?(?:研究|文章|论文|作者|材料|文献)|(?:相关|有关)(?:研究|文献|材料|论文|文章)|两项研究|分别|都算上|综合起来|\b(?:the|both|two|all|each|different|these|those|several) (?:papers|studies|articles|authors|sources|documents)\b|\b(?:each|both|either) (?:paper|study|article)\b|\bthe papers\b|\btwo of the (?:papers|studies)\b|\bacross (?:the|these|all|different) \w*\s?(?:papers|studies|sources)\b|\btaken together\b/i;

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;

/**
 * Titles that name one person (主任, 书记, director, mayor …): asked with 谁 / who, the answer is a
 * person's name. Organisations (管委会, 政府) and groups (领导) are left out — 由谁牵头 may be answered by one.
 */
export const PERSON_ROLE_ZH = '主任|书记|市长|县长|区长|镇长|乡长|局长|厅长|院长|校长|董事长|总经理|主席|部长|省长|行长|会长|负责人|一把手';
const PERSON_ROLE_EN = 'director|mayor|chairman|chairwoman|chairperson|secretary|governor|president|ceo|general manager|head|boss|founder';
// 谁 / 哪位 / 何人 with a title in the question; English "who" opening a clause (not "leaders who are replaced").
const PERSON_ZH = new RegExp(`(?:谁|哪位|何人|什么人)[^，。？?；]*(?:${PERSON_ROLE_ZH})|(?:${PERSON_ROLE_ZH})[^，。？?；]{0,6}(?:是谁|为谁|是哪位|是何人|叫什么)`);
const PERSON_EN = new RegExp(`(?:^|[,;:?.]\\s*)who\\b(?:[^,;:?.]*\\b(?:${PERSON_ROLE_EN})s?\\b|\\s+(?:heads?|headed|leads?|led|runs?|ran|chairs?|chaired|directs?|directed|founded)\\b)|\\bname of the (?:${PERSON_ROLE_EN})\\b`, 'i');

export interface QuestionShape {
  definitional: boolean;
  /** The question asks the name of what it describes (…what is it called? 这叫什么？): its answer names a term. */
  nameAsked: boolean;
  /**
   * The question asks what several papers say (两篇文章分别…, 各篇文章提了哪些办法, do the papers
   * agree…): its answer is spread over documents, each named by its own topic.
   */
  multiDoc: boolean;
  /** The answer has several parts (kinds, differences, each side's role). */
  enumerative: boolean;
  /** The answer is a number or a date. */
  quantity: boolean;
  /**
   * The answer is a person holding a title (金磐开发区现任管委会主任是谁, who heads …): evidence that
   * names no person beside a title cannot answer it, however well it covers the place.
   */
  person: boolean;
  /** The titles a Chinese person question names (主任, 书记): the person must be named beside one of them. */
  personRoles: string[];
  /** Years the question names (2022, 2023): evidence about another year does not answer it. */
  years: string[];
  /** Values the question offers to choose between (有说2001年的也有说2002年的): to be quoted, not held. */
  offered: string[];
  /** Every number the question itself names: a figure that answers it must be another one. */
  numbers: string[];
  /**
   * Where the quantity is asked for (index of 多少 / 多大 / "population" … in the NFKC question),
   * -1 when not a quantity question: the noun beside it is what is measured (面积是多少, 多少个生态补偿飞地).
   */
  quantityAt: number;
  /** Length of the quantity wording at `quantityAt`. */
  quantityLength: number;
  /**
   * What kind of figure answers (多少家 → a count, 多少亿元 → money, 哪一年 → a year, 比例 → a
   * share); undefined when the wording does not say (多大贡献, how much).
   */
  figureKind?: FigureKind;
  /**
   * The counter a count question names when it narrows what is counted (多少家 → firms or bodies,
   * 多少名/多少人 → people): a figure with another counter (16个 parks, 5-8个 enclaves) counts
   * something else. Undefined for 多少个 and the like, which any count answers.
   */
  counter?: string;
}

export type FigureKind = 'count' | 'money' | 'size' | 'weight' | 'percent' | 'year' | 'times' | 'docnum';

const DOCNUM_ASKED = /文号|发文字号|字号是|\b(?:document|reference|file|serial) (?:number|no\.?)\b/i;

// Adverbs between a measure noun and 多少 (分成比例一般是多少, 占比大约是多少): still the noun's figure.
const FILLER = '具体|究竟|到底|实际|一般|通常|大约|大概|大致|平均|目前|现在|如今|一共|总共|分别|大体|往往|约';

/** The kind of figure the quantity wording at `m` asks for (Chinese: the counter or unit after 多少/几). */
/** Growth asked of a figure: 涨了多少, 增长了多少 (right before 多少); how much did it grow, was it up (after "how much"). */
const GROWTH_ZH = /(?:增长|增加|上涨|涨|提高|提升|上升|增幅|增速)(?:了|的)?(?:大概|大约|约)?$/;
const GROWTH_EN = /^\s*(?:\w+\s+){0,4}?(?:grow|grew|grown|rise|rose|risen|increase|increased|climb|climbed|up)\b/;

function figureKindOf(q: string, m: RegExpExecArray | null): FigureKind | undefined {
  if (!m) return undefined;
  const w = m[0];
  if (/^(?:哪一?年|何年|何时|什么时候)$/.test(w) || /\b(?:what|which) year\b|\bwhen\b|\bby when\b/i.test(w)) return 'year';
  if (/比例|比重|占比|百分之|税率|利率|增速|增长率/.test(w) || /\b(?:percentage|percent|share|proportion|fraction|ratio|rate)\b/i.test(w)) return 'percent';
  // 文号是多少, "what is its document number": an official document's serial (发改地区〔2017〕922号).
  if (DOCNUM_ASKED.test(q.slice(Math.max(0, m.index - 8), m.index + w.length + 16))) return 'docnum';
  // 几个点 / 多少个百分点: points of a percentage, not a count
  if (/^(?:几|多少)/.test(w) && /^(?:个)?(?:百分)?点/.test(q.slice(m.index + w.length))) return 'percent';
  if (/^几/.test(w)) return w.endsWith('倍') ? 'times' : w.endsWith('年') ? 'year' : 'count';
  if (/^how many\b/i.test(w)) {
    // "how many mu / square kilometres / yuan": the unit after it says a size or a sum, not a count.
    const next = q.slice(m.index + w.length).trimStart().toLowerCase();
    if (/^(?:mu|hectares?|acres?|square (?:kilo)?met(?:re|er)s|km|kilomet(?:re|er)s|met(?:re|er)s|miles)\b/.test(next)) return 'size';
    if (/^(?:(?:million |thousand )?(?:tonnes|tons|kilograms|kg))\b/.test(next)) return 'weight';
    if (/^(?:(?:hundred |ten )?(?:billion|million|thousand) )?(?:yuan|rmb|dollars|us dollars)\b/.test(next)) return 'money';
    if (/^times\b/.test(next)) return 'times';
    return 'count';
  }
  // "how much rent / what price per square metre": a price is a sum of money (元), however worded.
  if (/^how much\b/i.test(w) || /\b(?:prices?|wages?|salary)\b/i.test(w)) {
    const next = q.slice(m.index + w.length, m.index + w.length + 40).toLowerCase();
    // "how much did that grow / was it up": growth, which the papers state as a rate (同比增长 46.2%).
    if (/^how much\b/i.test(w) && GROWTH_EN.test(next)) return 'percent';
    if (/\b(?:prices?|wages?|salary)\b/i.test(w) || /^\s*(?:rent|money|funding|subsid(?:y|ies)|fees?|wages?|salary|salaries|prices?|costs?)\b|\bper (?:square|mu|month|year|head|person)\b/.test(next)) return 'money';
  }
  const after = q.slice(m.index + w.length).replace(/^[的\s]+/, '');
  // 占了多大比例, 税率是多少, 多少的企业所得税优惠税率: a share.
  if (/^[多百]/.test(w) && (/^[^，。？?；]{0,10}?(?:比例|比重|占比|税率|利率|增速|增长率|收益率|百分比)/.test(after) || new RegExp(`(?:比例|比重|占比|税率|利率|增速|增长率|收益率|百分比)(?:[是为有达约占了]|${FILLER})*$`).test(q.slice(0, m.index)))) return 'percent';
  if (w !== '多少') return undefined;
  // 涨了多少, 同比增长多少: growth, stated as a rate.
  if (GROWTH_ZH.test(q.slice(Math.max(0, m.index - 6), m.index))) return 'percent';
  // 多少个亿 is how people say 多少亿元: a sum, not a count.
  if (/^个(?:亿|万)(?![人户])/.test(after)) return 'money';
  if (/^(?:余|多)?(?:个|家|项|座|条|件|所|批|类|种|名|位|人|列|班|辆|次|户)/.test(after)) return 'count';
  // (多少亿 / 多少万 with no unit after it is a sum here, as 多少亿元 is; 多少万人, 多少万吨 count or weigh)
  if (/^(?:亿|万)?元|^钱|^(?:亿|万)(?![人户吨亩个辆列次件家项名位平公千米标箱])/.test(after)) return 'money';
  if (/^(?:平方公里|平方千米|公里|千米|米|亩|公顷|平方米)/.test(after)) return 'size';
  if (/^(?:万)?(?:吨|公斤|千克)/.test(after)) return 'weight';
  if (/^倍/.test(after)) return 'times';
  return undefined;
}

const NUM = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千万]+)';
/** A ratio written with a colon (1.9:1, 3:7). */
const RATIO = '\\d+(?:\\.\\d+)?[:：]\\d+(?:\\.\\d+)?';
/** Figures of each kind in matchText form (no spaces): 30个, 1190.8亿元, 2.1平方公里, 1/3, 2016年. */
// A count is written in digits (16个, 7 家); 两项工程, 一个平台 are wording, not figures.
const KIND_FIGURE: Record<FigureKind, RegExp> = {
  count: /(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]{2,}|数[十百千])(?:余|多)?(?:万|亿)?(?:余|多)?(?:个|家|项|座|条|件|所|批|类|种|名|位|人|列|班|辆|次|户|村|县)/g,
  money: new RegExp(`${NUM}(?:余|多)?(?:万|亿)?(?:余|多)?(?:元|美元)`, 'g'),
  size: new RegExp(`${NUM}(?:余|多)?(?:万)?(?:平方公里|平方千米|公里|千米|米|亩|公顷|平方米)`, 'g'),
  // A tonnage (多少万吨, how many tonnes): a count of trains is no answer to it.
  weight: new RegExp(`${NUM}(?:余|多)?(?:万|亿)?(?:余|多)?(?:吨|公斤|千克)`, 'g'),
  // A ratio (1.9:1, 3:7) answers 比例 and 几倍 alike.
  percent: new RegExp(`\\d+(?:\\.\\d+)?%|[一二两三四五六七八九]成|\\d+/\\d+|${NUM}分之${NUM}|${RATIO}`, 'g'),
  year: /(?:19|20)\d{2}|\d{1,2}月|[一二三四五六七八九十\d]+年/g,
  times: new RegExp(`${NUM}(?:余|多)?倍|${RATIO}`, 'g'),
  docnum: /[〔\[(（]\d{4}[〕\])）]\d+号|第\d+号/g,
};

/** Counters that narrow a count, with the counters a figure may carry to answer it. */
const NARROW_COUNTERS: Record<string, string> = { 家: '家', 名: '名人位', 人: '人名位', 位: '位名人' };

/** The narrowing counter right after 多少 / 几 (余 and 多 aside), if any. */
function counterOf(q: string): string | undefined {
  const m = /(?:多少|(?<!哪)几)(?:余|多)?([家名人位])/.exec(q);
  // 多少人口 asks for a population (a size in 万人 or a count), 几人次 a count of visits: not narrowed.
  if (!m || /^[口次]/.test(q.slice(m.index + m[0].length))) return undefined;
  return m[1];
}

/**
 * 怎样的几次演变, 经历了哪几个阶段: a 几 after 怎样/什么样/如何/哪 in its clause asks to describe the
 * stages or kinds, not to count them — the answer is a list of names, not a figure.
 */
const DESCRIBED_FEW = /(?:怎样|怎么样|什么样|如何|哪)[^，。？?；,]{0,6}几[个次类种步阶轮批]/;

/**
 * 好几个城市, 这几个县, 几个村能不能凑到一起: a 几 that means "several" (after 好/这/那/前/近, or in a
 * clause that asks something else — 能不能, 是否, 为什么, 怎么) counts nothing the question asks for.
 */
const INDEFINITE_FEW = /(?<=[好这那前近])几[个家项座条年次]|(?<![哪多])几[个家项座条次](?=[^，。？?；,]*?(?:能不能|能否|可不可以|可否|是否|会不会|要不要|为什么|为何|怎么|如何|吗|列一下|列出|列举|给列|一条条|分别是|分别叫|都有哪些))/g;

/** 多大效果, 多大作用, 多大帮助: how big an effect, asked in words, not a figure. */
const ABSTRACT_SIZE = /多大(?:的)?(?=(?:效果|作用|影响|帮助|意义|好处|变化|区别|差别|用处|成效|效益|关系))/g;

/** 能不能几个村凑一起: a 几 after the clause's own asking word (能不能, 是否) is "several" too. */
const ASKED_BEFORE_FEW = /(?<=(?:能不能|能否|可不可以|可否|是否|会不会|要不要)(?:让|由|把|叫)?)几(?=[个家项座条次])/g;
/**
 * 我看有说2001年的也有说2002年的 / was it 2001 or 2002: the question offers the values it asks between. They are
 * what the answer should quote (each with its source), not figures the asker already holds.
 */
const SOURCES_DIFFER = /有(?:的)?(?:材料|文章|文献|资料|人)?说.{0,24}(?:也有|还有|有的|有人)(?:的)?(?:材料|文章|文献|资料|人)?说|说法不一|\bsome (?:papers |sources |people )?say\b|\bothers say\b/i;
const VALUES_OFFERED = /(?<!\d)(?:19|20)\d{2}(?!\d)\s*年?(?:的)?\s*(?:还是|或是|或者|还是说|\bor\b)\s*(?:19|20)\d{2}(?!\d)/i;
/** 是按8%还是10% / is it 8% or 10%: shares the asker guesses between — what the answer should settle, not words it must hold. */
const SHARES_OFFERED = /(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|％|个点|个百分点|成)?\s*(?:还是|或是|或者|还是说|\bor\b)\s*(?:按|是)?\s*(\d+(?:\.\d+)?)\s*(?:%|％|个点|个百分点|成|percent\b)/i;

export function questionShape(question: string): QuestionShape {
  const q0 = question.normalize('NFKC').replace(ASKED_BEFORE_FEW, '若干');
  // The described 几 is taken out of the quantity reading (the rest of the question may still ask one).
  const q = q0.replace(DESCRIBED_FEW, (w) => w.replace(/几/, '若干')).replace(INDEFINITE_FEW, (w) => w.replace(/几/, '若干')).replace(ABSTRACT_SIZE, '怎样');
  const zh = QUANTITY_ZH.exec(q);
  const en = QUANTITY_EN.exec(q);
  // Asking for a document's number (文号是什么, its document number) asks for a figure, whatever the asking words.
  const docnumAt = DOCNUM_ASKED.exec(q);
  const docnum = docnumAt !== null;
  const m = zh ?? MEASURE_EN.exec(q) ?? en ?? docnumAt;
  const years = [...new Set(q.match(YEAR) ?? [])];
  const figureKind = docnum ? 'docnum' : figureKindOf(q, zh ?? en);
  const sourcesDiffer = SOURCES_DIFFER.test(q);
  const offered = years.length >= 2 && ((figureKind === 'year' && sourcesDiffer) || VALUES_OFFERED.test(q));
  const shares = figureKind === 'percent' ? SHARES_OFFERED.exec(q) : null;
  const numbers = [...new Set(q.match(/\d+(?:\.\d+)?/g) ?? [])];
  return {
    quantityAt: m ? m.index + (m[1] ? m[0].length - m[1].length : 0) : -1,
    quantityLength: m ? (m[1] ?? m[0]).length : 0,
    // 文号是什么 asks for a number, not what something is.
    definitional: DEFINITIONAL.test(q) && !docnum && !NAME_ASKED.test(q),
    nameAsked: NAME_ASKED.test(q),
    // (sources said to differ: each paper's statement is the answer)
    multiDoc: MULTI_DOC.test(q) || (offered && sourcesDiffer),
    enumerative: ENUMERATIVE.test(q) || DESCRIBED_FEW.test(q0),
    quantity: zh !== null || en !== null || docnum,
    person: PERSON_ZH.test(q) || PERSON_EN.test(q),
    personRoles: PERSON_ZH.test(q) ? [...new Set(q.match(new RegExp(PERSON_ROLE_ZH, 'g')) ?? [])] : [],
    // (offered values are no year the figure is asked for)
    years: offered ? [] : years,
    offered: offered ? years : shares ? [shares[1]!, shares[2]!] : [],
    numbers: offered ? numbers.filter((n) => !years.includes(n)) : shares ? numbers.filter((n) => n !== shares[1] && n !== shares[2]) : numbers,
    figureKind,
    counter: counterOf(q),
  };
}

/** Figures in a text: digits, or Chinese numerals followed by a counter (五个, 两万, 三成). */
const FIGURE = /\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+(?:个|家|项|座|条|倍|成|万|亿)/g;

/**
 * True when `text` (matchText form) holds a figure other than the question's own numbers — a
 * candidate answer to a quantity question. "2022 年 … 26 县" in the question is context, not answer.
 */
/**
 * A lone 三…九 with a counter (八个省, 五家企业): a count only when what follows is the thing asked
 * to be counted — 八个省 answers how many provinces, not how many development zones; 一个/两项 are wording.
 * A kind counter counts kinds of what follows (三类节点: three kinds of nodes).
 */
const LONE_COUNT = /(?<![一二两三四五六七八九十百千第\d])[三四五六七八九](?:个|家|项|座|条|所|名|位|类|种)/g;

/** A Chinese numeral standing alone before what it counts (八部门). */
const BARE_COUNT = /(?<![一二两三四五六七八九十百千第\d])[两三四五六七八九十]/g;

export function hasFreshFigure(text: string, questionNumbers: string[], kind?: FigureKind, counter?: string, measured: string[] = []): boolean {
  if (kind === 'count' && measured.length) {
    for (const m of text.matchAll(LONE_COUNT)) {
      const after = text.slice(m.index + m[0].length);
      if ((!counter || NARROW_COUNTERS[counter]!.includes(m[0].slice(-1))) && measured.some((a) => a && after.startsWith(a))) return true;
    }
    // 八部门联合印发, 两部委: a numeral right before the counted noun counts it without a counter
    for (const m of text.matchAll(BARE_COUNT)) {
      const after = text.slice(m.index + m[0].length);
      if (!counter && measured.some((a) => a.length >= 2 && after.startsWith(a))) return true;
    }
  }
  // A figure of the kind asked for (多少个 wants 16个/7家, not the year 2001), with the counter
  // asked for when the question narrows it (多少家企业 wants 7家, not 16个 parks).
  const allowed = kind === 'count' && counter ? NARROW_COUNTERS[counter] : undefined;
  for (const found of text.matchAll(kind ? KIND_FIGURE[kind] : FIGURE)) {
    const m = found[0];
    const digits = /^\d+(?:\.\d+)?/.exec(m)?.[0];
    if (digits && questionNumbers.includes(digits)) continue;
    // 45个国家级高新区 answers 高新区有几家: what follows the figure says what it counts, whatever the counter.
    const counts = () => { const after = text.slice(found.index + m.length, found.index + m.length + 8); return measured.some((a) => a.length >= 2 && after.includes(a)); };
    if (allowed && !allowed.includes(m.slice(-1)) && !counts()) continue;
    return true;
  }
  return false;
}

/**
 * Wordings that frame a question rather than name its subject: 这个概念应当怎样界定, 的含义是什么,
 * 有什么区别, 请结合…回答, 各篇文章提出了什么, 分别怎么看, "what does … mean", "according to the
 * papers". Removed before the question's concepts are taken, so that a definition question is about
 * 产业飞地, not about 界定 — a word the papers never use, which would otherwise read as a topic the
 * corpus lacks. The shape (definition, list, figure) is read from the full question.
 */
const FRAMING: RegExp[] = [
  // Chinese: the asking itself.
  /请?(?:你)?(?:结合|根据|依据|按照)(?:语料|文章|论文|文献|材料|研究)?(?:中|里|的内容)?/g,
  /(?:来|进行)?(?:回答|作答|谈谈|说说|简述|概括|解释一下|说明一下|介绍一下)/g,
  // Asking for the items one by one (一条条列一下, 逐条列出来, 给我列举一下): how to answer, not what about.
  /(?:一条条|一个个|一项项|一点点|逐条|逐一|挨个|分条)?(?:地)?(?:给我|给|帮我)?(?:列一下|列出来|列出|列举一下|列举|罗列一下|罗列|列个清单|列清单)(?:呗|吧|啊|哈)?|(?:一条条|一个个|一项项|逐条|逐一|挨个|分条)(?:地)?(?:说|讲|写|介绍)(?:一下|说|讲)?(?:呗|吧)?/g,
  /(?:这个|该|这一|此)?(?:概念|词|术语|说法|提法)?(?:应当|应该|该|要|可以)?(?:怎样|怎么|如何)(?:来)?(?:界定|理解|定义|解释|看待|表述)/g,
  /(?:这个|该|这一|此)(?:概念|词|术语|说法|提法)/g,
  /(?:的)?(?:含义|内涵|定义|意思|涵义|概念)(?:是什么|指什么|为何|如何|是啥)?/g,
  /是什么意思|什么意思|指的是什么|是指什么|指什么|是什么|是啥/g,
  // 是怎么规定的, 有什么规定: asking for the rule, which the papers state without calling it one.
  /(?:是)?(?:怎么|如何|怎样|咋)(?:规定|约定)(?:的)?|(?:有)?(?:什么|哪些|何|啥)(?:具体)?规定/g,
  // 是个啥东西, 什么玩意儿: how people ask what something is (东西 is also the papers' east–west).
  /(?:是)?(?:个|一个)?(?:什么|啥)(?:东西|玩意儿?|名堂)/g,
  // 这套东西, 那个东西: "this thing", pointing at the subject named beside it.
  /[这那](?:一)?(?:套|个|种|些|摊)?(?:东西|玩意儿?)/g,
  /(?:有|存在)?(?:什么|哪些|何)(?:区别|不同|差异|异同|毛病|问题|不足|办法|方法|做法|招|措施|途径|好处)/g,
  /(?:合不合理|是否合理|合理吗|对不对|对吗|可行吗|行不行)/g,
  /(?:为什么|为何|怎么|凭什么)说/g,
  /(?:[这那该两二三几各多前后哪]篇|各篇|各自|这两篇|两项研究|不同研究|不同的研究)(?:文章|论文|研究|文献)?/g,
  /(?:文章|论文|作者|研究|文献)(?:里|中|中的|里的)?(?:分别)?(?:提出|提到|提|认为|指出|给出|讲|建议|主张)(?:了)?/g,
  /各(?:自)?(?:提出|提|给出|讲|主张|建议)(?:了)?/g,
  /(?:提出|提)了/g,
  /分别(?:是)?(?:怎么|如何|怎样)?(?:说|看|讲|提|做|看待|设计|安排|处理)?(?:的)?/g,
  // English: how the question is put.
  /\b(?:according to|in|as described in|as discussed in) (?:the )?(?:papers?|corpus|studies|study|articles?|texts?)\b/gi,
  /\b(?:do|does|did) (?:the )?(?:papers?|studies|authors?|articles?) (?:say|propose|suggest|recommend|describe|mention|cite|give|offer|discuss)\b/gi,
  /\b(?:the|both|each|two|different) (?:papers?|studies|authors?|articles?)\b/gi,
  /\bin plain (?:terms|words|english)\b/gi,
  /\bwhat (?:does|do) (.+?) (?:mean|refer to|stand for)\b/gi,
  /\bhow (?:do|does) (.+?) differ\b/gi,
];

/** The question with its framing wording removed (what its concepts are taken from). */
export function stripFraming(question: string): string {
  let q = question.normalize('NFKC');
  for (const re of FRAMING) q = q.replace(re, (m, inner?: string) => (typeof inner === 'string' ? ` ${inner} ` : ' '));
  return q.replace(/\s+/g, ' ').trim();
}
