import type { Citation } from './types';
import type { Candidate } from './select';
import type { Lang } from './lang';
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

/** Chinese: the quoted sentences themselves, each followed by its marker, grouped per document. */
export function composeZh(sentences: Candidate[]): Composed {
  const citations = cite(sentences);
  const parts: string[] = [];
  let prevDoc = '';
  sentences.forEach((s, i) => {
    const sep = i === 0 ? '' : s.docId === prevDoc ? '' : '\n';
    parts.push(`${sep}${s.text}[${i + 1}]`);
    prevDoc = s.docId;
  });
  return { answer: `根据语料：\n${parts.join('')}`, citations };
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

export function compose(lang: Lang, sentences: Candidate[], titles: TitleLookup, questionTerms: Gloss[] = []): Composed {
  return lang === 'en' ? composeEn(sentences, titles, questionTerms) : composeZh(sentences);
}

/** `nearest`: the suggestions are near the question (else they are just what the corpus is about). */
export function declineText(lang: Lang, suggestions: string[], nearest = true): string {
  if (lang === 'en') {
    const lead = nearest ? 'Nearest topics it does cover' : 'It covers';
    const tail = suggestions.length ? ` ${lead}: ${suggestions.join('; ')}.` : '';
    return `The corpus does not cover this.${tail}`;
  }
  const lead = nearest ? '最接近的已涵盖主题' : '语料库涵盖的主题';
  const tail = suggestions.length ? `${lead}：${suggestions.join('；')}。` : '';
  return `语料库未涉及这个问题。${tail}`;
}

export function emptyQuestionText(lang: Lang): string {
  return lang === 'en'
    ? 'Please type a question in words, e.g. "What is an enclave relay?"'
    : '请输入一个问题，例如：“什么是飞地接力？”';
}
