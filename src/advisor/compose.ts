import type { Citation } from './types';
import type { Candidate } from './select';
import type { Lang } from './lang';
import { glossChinese } from './terms';

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

function shortTitle(title: string): string {
  // Drop footnote marks and subtitles: "X——Y" / "X: Y" keep X.
  return title.replace(/\\?\*/g, '').split(/——|—|：|:/)[0]!.trim();
}

/**
 * English: a lead sentence naming the papers, the key Chinese terms glossed in English, then the
 * Chinese evidence quoted verbatim with its markers.
 */
export function composeEn(sentences: Candidate[], titles: TitleLookup): Composed {
  const citations = cite(sentences);
  const docIds = [...new Set(sentences.map((s) => s.docId))];
  const names = docIds.map((id) => {
    const t = titles(id);
    const sample = sentences.find((s) => s.docId === id)!;
    return `“${shortTitle(t?.titleEn ?? t?.title ?? sample.title)}”`;
  });
  const n = sentences.length;
  const lead = `The corpus addresses this in ${n} passage${n > 1 ? 's' : ''} from ${names.join(' and ')}:`;
  const glosses = glossChinese(sentences.map((s) => s.text).join('\n')).slice(0, 5);
  const keyTerms = glosses.length ? `Key terms: ${glosses.map((g) => `${g.zh} (${g.en})`).join('; ')}.` : '';
  const evidence = sentences.map((s, i) => `[${i + 1}] “${s.text}”`).join('\n');
  return { answer: [lead, keyTerms, evidence].filter(Boolean).join('\n'), citations };
}

export function compose(lang: Lang, sentences: Candidate[], titles: TitleLookup): Composed {
  return lang === 'en' ? composeEn(sentences, titles) : composeZh(sentences);
}

export function declineText(lang: Lang, suggestions: string[]): string {
  if (lang === 'en') {
    const tail = suggestions.length ? ` Nearest topics it does cover: ${suggestions.join('; ')}.` : '';
    return `The corpus does not cover this.${tail}`;
  }
  const tail = suggestions.length ? `最接近的已涵盖主题：${suggestions.join('；')}。` : '';
  return `语料库未涉及这个问题。${tail}`;
}

export function emptyQuestionText(lang: Lang): string {
  return lang === 'en'
    ? 'Please type a question in words, e.g. "What is an enclave relay?"'
    : '请输入一个问题，例如：“什么是飞地接力？”';
}
