import type { Extracted, SourceLine } from './types';

/** Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (common for Chinese .txt files). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Lines of a text, a blank line marking a paragraph boundary; a form feed is a page break. */
export function linesOf(text: string): SourceLine[][] {
  const pages: SourceLine[][] = [];
  for (const page of text.replace(/\r\n?/g, '\n').split('\f')) {
    const lines: SourceLine[] = [];
    let gap = false;
    for (const raw of page.split('\n')) {
      const t = raw.replace(/[\u3000\t ]+/g, ' ').trim();
      if (!t) {
        gap = true;
        continue;
      }
      lines.push({ text: t, ...(gap && lines.length ? { breakBefore: true } : {}) });
      gap = false;
    }
    pages.push(lines);
  }
  return pages;
}

export function extractPlainText(bytes: Buffer): Extracted {
  return { format: 'txt', pages: linesOf(decodeText(bytes)), lineMode: 'auto' };
}
