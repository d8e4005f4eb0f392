import type { Citation } from './types';
import type { Candidate } from './select';
import type { Lang } from './lang';
import { matchText } from './stats';
import { holds } from './match';
import { glossChinese } from './terms';
import { userDictTerms } from '../retrieval/tokenize';

/** Per document: the English title when the paper has one (used by the English frame). */
export type TitleLookup = (docId: string) => { title: string; titleEn?: string } | undefined;

export interface Composed {
  answer: string;
  citations: Citation[];
}

/** One citation per quoted sentence, numbered in order of appearance. */
function cite(sentences: Candidate[]): Citation[] {
  return sentences.map((s, i) => ({ n: i + 1, source: s.source, title: s.title, section: s.section, quote: s.text }));
}

/**
 * The one-line direct lead: the clause of the first quoted sentence that answers — the clause with
 * the figure for a figure question, else the clause that holds most of the question's words — quoted
 * verbatim, so the lead never says more than the evidence.
 */
export function directLead(first: Candidate, opts: { figure?: (clause: string) => boolean; words?: string[] } = {}): string {
  const clauses = first.text.split(/(?<=[，；：,;:])/).map((c) => c.trim().replace(/[，；：,;:。]$/, '')).filter(Boolean);
  if (clauses.length <= 1) return '';
  const score = (c: string) => (opts.figure?.(matchText(c)) ? 10 : 0) + (opts.words ?? []).filter((w) => w.length >= 2 && holds(matchText(c), w)).length;
  // A clause that leans on the one before (也…, 从而…) cannot stand alone as the lead.
  const standsAlone = (c: string) => !LEANS_BACK.test(c) && c.length >= 6 && c.length <= 80;
  const best = clauses.filter(standsAlone).sort((a, b) => score(b) - score(a))[0];
  return best && score(best) >= 2 ? best : '';
}

const LEANS_BACK = /^(?:也|并|而|但|且|又|还|同时|从而|进而|因此|因而|所以|此外|另外|其中|然而|以及|以|使|则|即|如|例如)/;

/** Chinese: a direct lead, then the quoted sentences as numbered points, each with its marker. */
export function composeZh(sentences: Candidate[], lead = '', gap = ''): Composed {
  const citations = cite(sentences);
  const points = sentences.length === 1 ? [`${sentences[0]!.text}[1]`] : sentences.map((s, i) => `${i + 1}. ${s.text}[${i + 1}]`);
  const head = lead ? `答：${lead}。` : '根据语料：';
  return { answer: [head, ...points, ...(gap ? [gap] : [])].join('\n'), citations };
}

/** A list: the lead sentence, then every item numbered — its head and first sentence — each cited. */
export function composeList(lang: Lang, lead: Candidate, items: { head: string; quote: Candidate }[], titles: TitleLookup, questionTerms: Gloss[] = []): Composed {
  const quoted = [lead, ...items.map((it) => it.quote)];
  const citations = cite(quoted);
  const line = (it: { head: string; quote: Candidate }, i: number) => {
    const q = it.quote.text;
    // The head's own arabic number gives way to the answer's (never “1. 1. …”), its full stop to the colon.
    const head = it.head.replace(/^\d+[.、．]\s*/, '').replace(/[。.]$/, '');
    const body = q.startsWith(it.head) || it.head.startsWith(q) ? q : `${head}：${q}`;
    if (lang !== 'en') return `${i + 1}. ${body}[${i + 2}]`;
    // An English head from the glossary's words for the item's heading, in their order, before the verbatim Chinese.
    const words = glossChinese(it.head, { all: true }).filter((g) => g.zh.length >= 2).slice(0, 5).map((g) => g.en);
    return `${i + 1}. ${words.length ? `${words.join(' · ')} — ` : ''}“${body}” [${i + 2}]`;
  };
  const t = titles(lead.docId);
  if (lang === 'en') {
    const name = shortTitle(t?.titleEn ?? t?.title ?? lead.title);
    const glosses = keyTerms(quoted.map((c) => c.text).join('\n'), questionTerms);
    const terms = glosses.length ? `Key terms: ${glosses.map((g) => `${g.zh} (${g.en})`).join('; ')}.` : '';
    return { answer: [`“${name}” lists ${items.length} points:`, `[1] “${lead.text}”`, ...items.map(line), terms].filter(Boolean).join('\n'), citations };
  }
  return { answer: [`共 ${items.length} 点（《${shortTitle(t?.title ?? lead.title)}》）：`, `${lead.text}[1]`, ...items.map(line)].join('\n'), citations };
}

/**
 * A list from one paper answering a question on what several papers say: each other paper's best
 * sentence follows it, named by its paper and cited, so no paper the question spans is left out.
 */
export function withOtherPapers(lang: Lang, composed: Composed, others: Candidate[], titles: TitleLookup): Composed {
  if (!others.length) return composed;
  const start = composed.citations.length;
  // (a paper's second sentence joins its first on one line: the paper is named once)
  const lines: string[] = [];
  others.forEach((c, i) => {
    const n = start + i + 1;
    const quote = lang === 'en' ? `“${c.text}” [${n}]` : `${c.text}[${n}]`;
    if (i > 0 && others[i - 1]!.docId === c.docId) {
      lines[lines.length - 1] += ` ${quote}`;
      return;
    }
    const t = titles(c.docId);
    lines.push(lang === 'en' ? `Also, “${shortTitle(t?.titleEn ?? t?.title ?? c.title)}”: ${quote}` : `另见《${shortTitle(t?.title ?? c.title)}》：${quote}`);
  });
  const cited = cite(others).map((x, i) => ({ ...x, n: start + i + 1 }));
  // The English list's glossary line stays last, after every quoted point.
  const body = composed.answer.split('\n');
  const terms = lang === 'en' && body.at(-1)?.startsWith('Key terms:') ? body.pop()! : undefined;
  return { answer: [...body, ...lines, ...(terms ? [terms] : [])].join('\n'), citations: [...composed.citations, ...cited] };
}

export interface Gloss {
  zh: string;
  en: string;
}

let domainTerms: Set<string> | undefined;

/**
 * The Chinese terms worth glossing in an English answer, at most four: first those the question
 * asked about, then the domain's own terms (the user dictionary: 飞地接力, 消薄飞地…) in the quotes.
 * Everyday words the glossary also knows (模式, 中国) are left alone.
 */
function keyTerms(quoted: string, questionTerms: Gloss[]): Gloss[] {
  domainTerms ??= new Set(userDictTerms());
  const out: Gloss[] = [];
  const push = (g: Gloss) => {
    if (out.length < 4 && quoted.includes(g.zh) && !out.some((o) => o.zh === g.zh || o.zh.includes(g.zh))) out.push(g);
  };
  // Question terms too, unless they are everyday two-character words (中国, 风险).
  questionTerms.filter((g) => domainTerms!.has(g.zh) || g.zh.length >= 3).forEach(push);
  glossChinese(quoted)
    .filter((g) => domainTerms!.has(g.zh))
    .forEach(push);
  return out;
}

function shortTitle(title: string): string {
  // Drop footnote marks and subtitles: "X——Y" / "X: Y" keep X.
  return title.replace(/\\?\*/g, '').split(/——|—|：|:/)[0]!.trim();
}

/**
 * English: a lead sentence naming the papers, the key Chinese terms glossed in English, then the
 * Chinese evidence quoted verbatim with its markers.
 */
export function composeEn(sentences: Candidate[], titles: TitleLookup, questionTerms: Gloss[] = []): Composed {
  const citations = cite(sentences);
  const docIds = [...new Set(sentences.map((s) => s.docId))];
  const names = docIds.map((id) => {
    const t = titles(id);
    const sample = sentences.find((s) => s.docId === id)!;
    return `“${shortTitle(t?.titleEn ?? t?.title ?? sample.title)}”`;
  });
  const n = sentences.length;
  const lead = `The corpus addresses this in ${n} passage${n > 1 ? 's' : ''} from ${names.join(' and ')}:`;
  const glosses = keyTerms(sentences.map((s) => s.text).join('\n'), questionTerms);
  const terms = glosses.length ? `Key terms: ${glosses.map((g) => `${g.zh} (${g.en})`).join('; ')}.` : '';
  const evidence = sentences.map((s, i) => `[${i + 1}] “${s.text}”`).join('\n');
  return { answer: [lead, terms, evidence].filter(Boolean).join('\n'), citations };
}

export interface ComposeExtras {
  /** The direct lead (a verbatim clause of the first sentence). */
  lead?: string;
  /** What the corpus does not give (a partial answer), one line. */
  gap?: string;
}

export function compose(lang: Lang, sentences: Candidate[], titles: TitleLookup, questionTerms: Gloss[] = [], extras: ComposeExtras = {}): Composed {
  if (lang === 'en') {
    const c = composeEn(sentences, titles, questionTerms);
    // The direct lead, in English words around the verbatim Chinese clause it quotes.
    const lead = extras.lead ? `In short: “${extras.lead}” [1].` : '';
    return { ...c, answer: [lead, c.answer, extras.gap ?? ''].filter(Boolean).join('\n') };
  }
  return composeZh(sentences, extras.lead, extras.gap);
}

/** `nearest`: the suggestions are near the question (else they are just what the corpus is about). */
export function declineText(lang: Lang, suggestions: string[], nearest = true): string {
  return lang === 'en' ? `The corpus does not cover this.${topicsTail(lang, suggestions, nearest)}` : `语料库未涉及这个问题。${topicsTail(lang, suggestions, nearest)}`;
}

/** The topics a decline points to, after its first sentence ('' when there are none). */
function topicsTail(lang: Lang, suggestions: string[], nearest = true): string {
  if (!suggestions.length) return '';
  if (lang === 'en') return ` ${nearest ? 'Nearest topics it does cover' : 'It covers'}: ${suggestions.join('; ')}.`;
  return `${nearest ? '最接近的已涵盖主题' : '语料库涵盖的主题'}：${suggestions.join('；')}。`;
}

/** A partial answer's last line: what the corpus does not give. */
export function gapText(lang: Lang, measure?: string): string {
  if (lang === 'en') return 'The corpus does not give the specific figure asked for; the passages above are what it says on the subject.';
  return measure ? `语料未给出“${measure}”的具体数字，以上是语料对此的规定和论述。` : '语料未给出所问的具体数字，以上是语料对此的规定和论述。';
}

/** A question about a park, place or organisation the corpus never mentions: say so, by name. */
export function unknownNameText(lang: Lang, names: string[], suggestions: string[]): string {
  if (lang === 'en') return `The corpus has nothing on ${names.map((n) => `“${n}”`).join(', ')}, so it cannot answer this.${topicsTail(lang, suggestions)}`;
  return `语料库中没有关于${names.map((n) => `“${n}”`).join('、')}的内容，无法回答这个问题。${topicsTail(lang, suggestions)}`;
}

/**
 * A year the papers do mention, though not in any passage on what was asked: "nothing on 2022" would be untrue (the
 * papers give many 2022 figures), so the decline says the passages on the subject do not reach that year.
 */
export function yearNotInEvidenceText(lang: Lang, years: string[], suggestions: string[]): string {
  if (lang === 'en') return `The passages of the corpus on this say nothing for ${years.join(', ')}, so it cannot answer this.${topicsTail(lang, suggestions)}`;
  return `语料中与此相关的段落没有涉及${years.map((y) => `${y}年`).join('、')}，无法回答这个问题。${topicsTail(lang, suggestions)}`;
}

export function emptyQuestionText(lang: Lang): string {
  return lang === 'en'
    ? 'Please type a question in words, e.g. "What is an enclave relay?"'
    : '请输入一个问题，例如：“什么是飞地接力？”';
}

const ZH_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A question of several parts: each part under its own question, its answer's markers renumbered
 * into one citation list (a sentence quoted twice keeps one number), and a part the corpus does not
 * answer said to be unanswered — never filled with another part's evidence.
 */
export function composeParts(lang: Lang, parts: string[], answers: Array<Composed & { answered: boolean }>): Composed {
  const citations: Citation[] = [];
  const numberOf = (c: Citation) => {
    const found = citations.find((x) => x.source === c.source && x.quote === c.quote);
    if (found) return found.n;
    citations.push({ ...c, n: citations.length + 1 });
    return citations.length;
  };
  const lines: string[] = [lang === 'en' ? `This question has ${parts.length} parts:` : `这个问题有 ${parts.length} 问，分别作答：`];
  parts.forEach((part, i) => {
    const a = answers[i]!;
    lines.push(lang === 'en' ? `(${i + 1}) ${part.trim()}` : `${ZH_ORDINALS[i] ?? i + 1}、${part.trim()}`);
    if (!a.answered) {
      lines.push(lang === 'en' ? 'The corpus does not answer this part.' : '语料未涉及这一问。');
      return;
    }
    const renumber = new Map(a.citations.map((c) => [c.n, numberOf(c)]));
    lines.push(a.answer.replace(/\[(\d+)\]/g, (m, n: string) => (renumber.has(Number(n)) ? `[${renumber.get(Number(n))}]` : m)));
  });
  return { answer: lines.join('\n'), citations };
}
