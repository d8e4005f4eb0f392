import mammoth from 'mammoth';
import { DocumentRejected } from '../rejection';
import type { Extracted, SourceLine } from './types';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** OLE compound file: an encrypted .docx (Word wraps it in one) or an old binary .doc. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Word's title and Chinese heading style names as headings too (mammoth maps "Heading N" itself). */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  ...[1, 2, 3, 4, 5, 6].map((n) => `p[style-name='标题 ${n}'] => h${n}:fresh`),
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[\u3000\t ]+/g, ' ')
    .trim();
}

/** One line per Word paragraph (headings keep their level); tables cell by cell; images and notes' marks dropped. */
export async function extractDocx(bytes: Buffer, file: string): Promise<Extracted> {
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    throw new DocumentRejected('encrypted', { file, detail: 'or an old Word 97-2003 file: save it as an unprotected .docx' });
  }
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw new DocumentRejected('corrupt', { file, detail: 'a Word .docx file' });
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) })).value;
  } catch {
    throw new DocumentRejected('corrupt', { file, detail: 'a Word .docx file' });
  }
  const lines: SourceLine[] = [];
  for (const m of html.matchAll(/<(h[1-6]|p|li)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/gi)) {
    const text = htmlText(m[2].replace(/<sup>[\s\S]*?<\/sup>/gi, ''));
    if (!text) continue;
    const tag = m[1].toLowerCase();
    lines.push({ text, breakBefore: true, ...(tag.startsWith('h') ? { heading: Number(tag[1]) } : {}) });
  }
  return { format: 'docx', pages: [lines], lineMode: 'blocks' };
}
