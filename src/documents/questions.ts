/**
 * Questions a new document can answer, for the bot's reply after an upload. Without a model they are
 * read off the document's own headings (“扶持政策有哪些？”, “什么是飞地共建园区？”) and then put to the
 * advisor: only those it answers citing the new document are offered, so none is a promise the bot
 * then declines.
 */
import type { Advisor } from '../advisor/types';
import type { CorpusDocument } from '../corpus/schema';
import { sectionsOf } from '../corpus/sections';

/** Headings that name a part of a document, not a subject (总则, 附则…). */
const GENERIC = /^(总则|附则|前言|引言|导言|摘要|abstract|结语|结论|结束语|参考文献|references|注释|其他|其它|附件|附录|背景|概述|说明)$/i;
const NUMBERING = /^(?:第[一二三四五六七八九十百零〇\d]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:\.\d+)*[.、．]?)\s*/;
/** Subjects that are lists of things: asked “…有哪些？”. */
const PLURAL = /(措施|政策|机制|要求|条件|任务|内容|方式|路径|程序|流程|保障|职责|标准|原则|目标|重点|举措|事项|范围|对象)$/;

export function headingSubject(heading: string): string {
  return heading.replace(NUMBERING, '').replace(/[：:。]$/, '').trim();
}

/** Candidate questions, most specific first: one or two per heading subject, then one on the whole document. */
export function candidateQuestions(doc: CorpusDocument): string[] {
  const subjects: string[] = [];
  for (const s of sectionsOf(doc)) {
    const last = s.path[s.path.length - 1];
    if (!last) continue;
    const subject = headingSubject(last);
    if (subject.length < 2 || subject.length > 20 || GENERIC.test(subject) || subjects.includes(subject)) continue;
    subjects.push(subject);
  }
  const out: string[] = [];
  for (const s of subjects) {
    if (/[\u3400-\u9fff]/.test(s)) out.push(PLURAL.test(s) ? `${s}有哪些？` : `什么是${s}？`, `${doc.title}中${s}是怎么规定的？`);
    else out.push(`What does the document say about ${s}?`);
  }
  out.push(`《${doc.title}》的主要内容是什么？`);
  return [...new Set(out)];
}

/** Up to `n` candidates the advisor answers citing `doc` (by its source), in candidate order. */
export async function answerableQuestions(doc: CorpusDocument, advisor: Advisor, n = 3, maxTries = 12): Promise<string[]> {
  const found: string[] = [];
  for (const q of candidateQuestions(doc).slice(0, maxTries)) {
    const r = await advisor.ask(q).catch(() => undefined);
    if (r?.answered && r.citations.some((c) => c.source === doc.source)) found.push(q);
    if (found.length >= n) break;
  }
  return found;
}
