/**
 * Fixture files for the documents pipeline, made by the tests (never downloaded): a Word file built
 * with the `docx` package, PDFs with a text layer built with `pdf-lib` (standard fonts: Latin text
 * only), a scanned PDF (an image, no text), an encrypted PDF (a standard security handler whose user
 * password is not empty), and damaged files.
 */
import { deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export const POLICY_TXT_PATH = 'test/fixtures/xinan-enclave-measures.txt';
export const policyText = (): string => readFileSync(POLICY_TXT_PATH, 'utf8');

/**
 * A Word file of a plain-text policy document: the first line as the Title style, `第X章` lines as
 * Heading 1, the rest as normal paragraphs — how such a document is typically typed in Word.
 */
export async function docxFromText(text: string): Promise<Buffer> {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const children = lines.map((l, i) =>
    i === 0
      ? new Paragraph({ text: l, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER })
      : /^第[一二三四五六七八九十]+章/.test(l)
        ? new Paragraph({ text: l, heading: HeadingLevel.HEADING_1 })
        : new Paragraph({ text: l }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** An English report, several pages, hard-wrapped lines, a running header and page numbers on each page. */
export const PDF_PAGES: string[][] = [
  [
    'Riverside County Enclave Cooperation Report',
    '1. Background',
    'The Riverside enclave park was founded in 2019 by the city of',
    'Eastport and Riverside County to move light manufacturing out of the',
    'crowded port district.',
    'It covers 3.5 square kilometres on the northern bank of the river.',
  ],
  [
    '2. Revenue sharing',
    'New tax revenue of the park is shared between Eastport and Riverside',
    'County in the ratio 60 to 40 during the first eight years of',
    'operation.',
    'After that the two partners share it equally.',
  ],
  [
    '3. Staffing',
    'A joint management committee of nine members runs the park, five of',
    'them appointed by Eastport.',
  ],
];

export async function textPdf(pages: string[][] = PDF_PAGES, opts: { header?: string; title?: string } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  if (opts.title) pdf.setTitle(opts.title);
  pages.forEach((lines, p) => {
    const page = pdf.addPage([420, 595]);
    let y = 560;
    if (opts.header) page.drawText(opts.header, { x: 40, y: 575, size: 8, font });
    for (const line of lines) {
      page.drawText(line, { x: 40, y, size: 10, font });
      y -= 16;
    }
    page.drawText(String(p + 1), { x: 205, y: 20, size: 9, font });
  });
  return Buffer.from(await pdf.save());
}

/** A PDF of `n` pages, each with a line of text. */
export async function manyPagesPdf(n: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < n; i++) pdf.addPage([200, 200]).drawText(`Page text ${i + 1}`, { x: 20, y: 100, size: 10, font });
  return Buffer.from(await pdf.save());
}

/** A tiny grey PNG (no text anywhere), as a scanner would produce, only smaller. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.concat(Array.from({ length: height }, (_, y) => Buffer.concat([Buffer.from([0]), Buffer.alloc(width, (y * 7) % 256)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Two pages that are pictures of text: an image each, no text layer. */
export async function scannedPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png(64, 64));
  for (let i = 0; i < 2; i++) {
    const page = pdf.addPage([420, 595]);
    page.drawImage(image, { x: 20, y: 20, width: 380, height: 555 });
    page.drawRectangle({ x: 30, y: 30, width: 50, height: 10, color: rgb(0.2, 0.2, 0.2) });
  }
  return Buffer.from(await pdf.save());
}

/**
 * A PDF protected by the standard security handler (revision 2) with a user password: its /U entry
 * does not match the empty password, so a reader must ask for one.
 */
export function encryptedPdf(): Buffer {
  const hex32 = (seed: number) => Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 5 0 R >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex32(11)}> /U <${hex32(99)}> /P -44 >>`,
    '<< /Length 8 >>\nstream\n12345678\nendstream',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** What an encrypted .docx is on disk: an OLE compound file (Word wraps the encrypted package in one). */
export function encryptedDocx(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048, 0x11)]);
}

/** The first part of a real file, as a broken download leaves it. */
export function truncated(bytes: Buffer, keep = 0.4): Buffer {
  return bytes.subarray(0, Math.floor(bytes.length * keep));
}
