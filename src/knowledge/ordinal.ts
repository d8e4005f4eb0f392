/**
 * Follow-ups that point at one item of the list answered before: 第二种能举个例子吗, 最后一个呢,
 * the first one, what's the middle one supposed to do. Facts of language, not of any one question.
 */

export type ItemReference = number | 'last' | 'middle';

const ZH_DIGITS = '一二三四五六七八九十';
const ZH_KIND = '(?:种|个|类|项|条|点|大|方面|模式|节点|阶段|步|层)';
const ZH_NTH = new RegExp(`第([一二三四五六七八九十]|\\d{1,2})${ZH_KIND}`);
const ZH_LAST = new RegExp(`最后(?:那|的)?(?:一)?${ZH_KIND}|后者|末一${ZH_KIND}`);
// (头一条, 头一个, 打头那条: the first, as people say it)
const ZH_FIRST = new RegExp(`前者|头一${ZH_KIND}|打头(?:那|的)(?:一)?${ZH_KIND}`);
const ZH_MIDDLE = new RegExp(`中间(?:那|的)?(?:一)?${ZH_KIND}`);
const EN_KIND = '(?:one|ones|kind|type|model|mode|node|way|step|measure|item|point|stage|category|path|pathway|mechanism|pattern|approach)';
const EN_NTH = new RegExp(`\\b(first|second|third|fourth|fifth|sixth|last|final|middle|end|terminal)\\s+(?:(?:such|of\\s+those|of\\s+them)\\s+)?${EN_KIND}\\b`, 'i');
const EN_FORMER = /\bthe (former|latter)\b/i;
// point 2, item 3, no. 2
const EN_NUMBERED = /\b(?:point|item|no\.?|number|#)\s*(\d{1,2})\b/i;

/** Which item of the previous answer's list the question points at, if it points at one. */
export function itemReference(question: string): ItemReference | undefined {
  const q = question.trim();
  let m = ZH_NTH.exec(q);
  if (m) {
    const n = /\d/.test(m[1]!) ? Number(m[1]) : ZH_DIGITS.indexOf(m[1]!) + 1;
    return n >= 1 ? n : undefined;
  }
  if (ZH_LAST.test(q)) return 'last';
  if (ZH_FIRST.test(q)) return 1;
  if (ZH_MIDDLE.test(q)) return 'middle';
  m = EN_NTH.exec(q);
  if (m) {
    const w = m[1]!.toLowerCase();
    if (w === 'last' || w === 'final' || w === 'end' || w === 'terminal') return 'last';
    if (w === 'middle') return 'middle';
    return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'].indexOf(w) + 1;
  }
  m = EN_FORMER.exec(q);
  if (m) return m[1]!.toLowerCase() === 'former' ? 1 : 'last';
  m = EN_NUMBERED.exec(q);
  if (m && Number(m[1]) >= 1) return Number(m[1]);
  return undefined;
}

/** The 0-based index a reference picks among `count` items (undefined when it does not fit). */
export function itemIndex(ref: ItemReference, count: number): number | undefined {
  if (count < 1) return undefined;
  if (ref === 'last') return count - 1;
  if (ref === 'middle') return count % 2 === 1 && count >= 3 ? (count - 1) / 2 : undefined;
  return ref <= count ? ref - 1 : undefined;
}

/** A follow-up asking what came next (那后来呢, 之后又怎样, and after that?): the paper's next passage after the one answered before. */
const WHAT_FOLLOWS = /^(?:那|那么|可|但)?(?:后来|之后|然后|接下来|再后来|后期|下一步|再往后)|\b(?:after that|afterwards|later on|and then|then what|what happened next|what came next|what happens next|next step)\b/i;

export function asksWhatFollows(question: string): boolean {
  return WHAT_FOLLOWS.test(question.trim());
}

/**
 * The first run of two or more terms sharing a head, in the order a text names them (“起始飞地—中继飞地—终端飞地”,
 * 起始节点、中继节点和终端节点): the kinds an answer enumerates in prose.
 */
export function kindRun(text: string): string[] {
  const run = /([\u4e00-\u9fff]{2})([\u4e00-\u9fff]{2})((?:\s*[-—–、和与及]\s*[\u4e00-\u9fff]{2}\2){1,5})/.exec(text);
  if (!run) return [];
  const head = run[2]!;
  const rest = run[3]!.split(/\s*[-—–、和与及]\s*/).filter(Boolean);
  const terms = [run[1]! + head, ...rest];
  return new Set(terms).size === terms.length ? terms : [];
}
