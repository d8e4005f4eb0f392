/** Picks the parser by the file's extension; every parser returns lines with their structure. */
import { extname } from 'node:path';
import { DocumentRejected, FORMATS } from '../rejection';
import { extractDocx } from './docx';
import { extractMarkdown } from './markdown';
import { extractPdf } from './pdf';
import { extractPlainText } from './text';
import type { Extracted } from './types';

export type { DocumentFormat, Extracted, SourceLine } from './types';

export function formatOf(fileName: string): 'txt' | 'md' | 'docx' | 'pdf' {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.txt' || ext === '.text') return 'txt';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.docx') return 'docx';
  if (ext === '.pdf') return 'pdf';
  throw new DocumentRejected('unsupported', { file: fileName, detail: ext ? `${ext} files` : 'no extension' });
}

export async function extract(bytes: Buffer, fileName: string): Promise<Extracted> {
  const format = formatOf(fileName);
  if (format === 'pdf') return extractPdf(bytes, fileName);
  if (format === 'docx') return extractDocx(bytes, fileName);
  // A binary file named .txt/.md (a PDF or Word file renamed) is not text.
  if (bytes.subarray(0, 4096).includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DocumentRejected('unsupported', { file: fileName, detail: `binary content in a .${format} file` });
  }
  return format === 'md' ? extractMarkdown(bytes) : extractPlainText(bytes);
}

export { FORMATS };
