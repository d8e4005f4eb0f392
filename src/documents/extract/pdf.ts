import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { DocumentRejected, MAX_PAGES } from '../rejection';
import type { Extracted, SourceLine } from './types';

interface Item {
  str: string;
  y: number;
  height: number;
  fontSize: number;
  hasEOL: boolean;
}

/** Rebuilds a page's lines from its text items: a new line where the baseline moves or the item says so. */
export function pageLines(items: Item[]): SourceLine[] {
  const lines: SourceLine[] = [];
  let cur = '';
  let y: number | undefined;
  const push = () => {
    const t = cur.replace(/[\u3000\t ]+/g, ' ').trim();
    if (t) lines.push({ text: t });
    cur = '';
  };
  for (const it of items) {
    const size = it.fontSize || it.height || 10;
    if (y !== undefined && Math.abs(it.y - y) > size * 0.5 && it.str.trim()) push();
    if (it.str) {
      cur += it.str;
      y = it.y;
    }
    if (it.hasEOL) push();
  }
  push();
  return lines;
}

function errorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
}

/** Text of a PDF's text layer, page by page; refuses encrypted, damaged, over-long and scanned PDFs. */
export async function extractPdf(bytes: Buffer, file: string): Promise<Extracted> {
  if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) throw new DocumentRejected('corrupt', { file, detail: 'a PDF' });
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false, verbosity: 0 });
  } catch (e) {
    if (errorName(e) === 'PasswordException') throw new DocumentRejected('encrypted', { file });
    throw new DocumentRejected('corrupt', { file, detail: 'a PDF' });
  }
  try {
    if (pdf.numPages > MAX_PAGES) throw new DocumentRejected('too-long', { file, detail: `${pdf.numPages} pages` });
    let items: Item[][];
    try {
      items = (await extractTextItems(pdf)).items as Item[][];
    } catch {
      throw new DocumentRejected('corrupt', { file, detail: 'a PDF' });
    }
    const pages = items.map(pageLines);
    const letters = pages.flat().reduce((n, l) => n + (l.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0);
    // A scanned PDF has pages but (almost) no text: at most a few letters per page (a stamp, a page number).
    if (letters < Math.max(20, pdf.numPages * 5)) throw new DocumentRejected('scanned', { file });
    let metaTitle: string | undefined;
    try {
      const t = (await getMeta(pdf)).info?.Title;
      if (typeof t === 'string' && t.trim() && !/^(untitled|microsoft word|无标题)/i.test(t.trim())) metaTitle = t.trim();
    } catch {
      // No usable metadata: the title comes from the text.
    }
    return { format: 'pdf', pages, metaTitle, lineMode: 'layout' };
  } finally {
    await pdf.cleanup().catch(() => undefined);
  }
}
