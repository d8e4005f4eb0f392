/**
 * The documents pipeline in-process: each format round-trips into a corpus file the loader reads
 * back (title, headings, joined lines, page furniture dropped); every bad input is refused with its
 * own one-line reason and leaves the documents folder byte for byte as it was.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAllDocuments } from '../src/corpus/added';
import { chunkCorpus } from '../src/corpus/chunk';
import { sectionsOf } from '../src/corpus/sections';
import { importDocument } from '../src/documents/import';
import { DocumentRejected } from '../src/documents/rejection';
import { removeDocument } from '../src/documents/remove';
import { candidateQuestions } from '../src/documents/questions';
import { docxFromText, encryptedDocx, encryptedPdf, manyPagesPdf, PDF_PAGES, policyText, scannedPdf, textPdf, truncated } from './helpers/documents';

let dir: string;
const existing = () => loadAllDocuments({ corpusDir: 'corpus', documentsDir: dir });
const add = (bytes: Buffer, fileName: string, title?: string) => importDocument({ bytes, fileName, title }, { documentsDir: dir, existing: existing() });

/** Every file in the folder with its bytes: "nothing changed" means this is identical. */
function snapshot(): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'enclave-docs-')), 'documents');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('each format round-trips into the corpus', () => {
  it('.txt (Chinese policy document): title from the first line, 章 headings, one paragraph per article', async () => {
    const r = await add(Buffer.from(policyText()), '新安市飞地实施办法.txt');
    expect(r.entry.source).toBe('新安市飞地实施办法.txt');
    expect(r.entry.title).toBe('新安市推进飞地经济合作发展实施办法');
    const [doc] = existing().filter((d) => d.origin === 'added');
    expect(doc.id).toBe(r.entry.id);
    expect(sectionsOf(doc).map((s) => s.name).filter(Boolean)).toEqual(['第一章 总则', '第二章 合作平台', '第三章 利益分享', '第四章 扶持政策', '第五章 附则']);
    expect(doc.raw).toContain('\n\n第八条 市财政每年安排飞地经济专项资金3000万元，用于合作平台建设、招商引资和人才引进。\n\n');
    const chunks = chunkCorpus([doc]);
    expect(chunks.length).toBe(r.entry.chunks);
    // Every passage is verbatim text of the stored file, as for the shipped papers.
    for (const c of chunks) expect(doc.raw.slice(c.start, c.end)).toBe(c.text);
  });

  it('.docx: Word title and heading styles become the title and sections; same paragraphs as the .txt', async () => {
    const r = await add(await docxFromText(policyText()), 'measures.docx');
    const doc = existing().find((d) => d.id === r.entry.id)!;
    expect(doc.title).toBe('新安市推进飞地经济合作发展实施办法');
    expect(r.sections).toContain('第三章 利益分享');
    expect(doc.raw).toContain('第六条 飞地园区新增税收地方留成部分，在合作期前五年由飞出地与飞入地按七三比例分成，第六年起按五五比例分成。');
    expect(r.entry.format).toBe('docx');
  });

  it('.pdf with a text layer: wrapped lines joined, running header and page numbers dropped, numbered headings kept', async () => {
    const r = await add(await textPdf(PDF_PAGES, { header: 'Riverside Report 2024 - internal' }), 'riverside.pdf');
    const doc = existing().find((d) => d.id === r.entry.id)!;
    expect(doc.title).toBe('Riverside County Enclave Cooperation Report');
    expect(r.sections).toEqual(['1. Background', '2. Revenue sharing', '3. Staffing']);
    expect(doc.raw).toContain('New tax revenue of the park is shared between Eastport and Riverside County in the ratio 60 to 40 during the first eight years of operation.');
    expect(doc.raw).not.toContain('Riverside Report 2024');
    expect(doc.raw).not.toMatch(/\n\d\n/);
    expect(doc.lang).toBe('en');
  });

  it('.md: headings, paragraphs joined across lines, inline marks removed; --title overrides', async () => {
    const md = '# 云岭县飞地合作简报\n\n## 一、基本情况\n\n云岭县在新安市共建的**新云产业园**，\n规划面积5平方公里。\n\n## 二、下一步工作\n\n- 完善[利益分享](http://x)机制。\n- 扩大招商。\n';
    const r = await add(Buffer.from(md), 'brief.md', '云岭县简报（2025）');
    const doc = existing().find((d) => d.id === r.entry.id)!;
    expect(doc.title).toBe('云岭县简报（2025）');
    expect(r.sections).toEqual(['一、基本情况', '二、下一步工作']);
    expect(doc.raw).toContain('云岭县在新安市共建的新云产业园，规划面积5平方公里。');
    expect(doc.raw).toContain('\n\n完善利益分享机制。\n\n扩大招商。\n');
  });

  it('a .txt copied from a PDF (hard-wrapped, form feeds between pages, page numbers) is re-flowed', async () => {
    const page = (n: number, lines: string[]) => ['新安市飞地经济简报', ...lines, `- ${n} -`].join('\n');
    const text = [
      page(1, ['一、总体情况', '新安市飞地经济合作自二〇二〇年起步，目前已在沿海城市布局科创飞地三', '处，累计引进研发企业四十二家。', '园区实行共建共管。']),
      page(2, ['二、主要做法', '一是建立税收分成机制，前五年按七三比例分成，第六年起按五五', '比例分成。', '二是设立专项资金。']),
      page(3, ['三、下一步', '继续扩大合作范围，推动新云产业园二期开发，力争二〇二六年', '完成。']),
    ].join('\n\f');
    const r = await add(Buffer.from(text), 'brief.txt');
    const doc = existing().find((d) => d.id === r.entry.id)!;
    expect(doc.raw).toContain('新安市飞地经济合作自二〇二〇年起步，目前已在沿海城市布局科创飞地三处，累计引进研发企业四十二家。');
    expect(doc.raw).toContain('一是建立税收分成机制，前五年按七三比例分成，第六年起按五五比例分成。');
    expect(doc.raw).not.toMatch(/- \d -/);
    expect(doc.raw.slice(doc.bodyStart).match(/新安市飞地经济简报/g)?.length).toBe(1); // the title, not the running header on each page
    expect(r.sections).toEqual(['一、总体情况', '二、主要做法', '三、下一步']);
  });

  it('GB18030-encoded Chinese text is decoded', async () => {
    // 新安 in GB18030 followed by ASCII, built byte by byte (Node has no GB encoder).
    const bytes = Buffer.concat([Buffer.from([0xd0, 0xc2, 0xb0, 0xb2]), Buffer.from('\n\nproject notes: enclave 2025 plan.\n')]);
    const r = await add(bytes, 'notes.txt');
    expect(r.entry.title).toBe('新安');
  });

  it('questions suggested for the reply come from the headings, numbering and generic ones left out', async () => {
    const r = await add(Buffer.from(policyText()), 'x.txt');
    const qs = candidateQuestions(r.doc);
    expect(qs).toContain('什么是合作平台？');
    expect(qs).toContain('扶持政策有哪些？');
    expect(qs.join()).not.toMatch(/总则|附则|第[一二三]章/);
  });
});

describe('bad input: one clear reason, nothing changed', () => {
  const cases: Array<[string, () => Promise<[Buffer, string]>, string, RegExp]> = [
    ['an empty file', async () => [Buffer.alloc(0), 'empty.txt'], 'empty', /empty\.txt is empty/],
    ['a file of blank lines', async () => [Buffer.from('\n  \n\t\n'), 'blank.md'], 'empty', /is empty/],
    ['a scanned PDF', async () => [await scannedPdf(), 'scan.pdf'], 'scanned', /scanned PDF.*OCR/],
    ['an encrypted PDF', async () => [encryptedPdf(), 'secret.pdf'], 'encrypted', /password-protected/],
    ['a damaged PDF', async () => [truncated(await textPdf()), 'broken.pdf'], 'corrupt', /cannot be read as a PDF/],
    ['a non-PDF named .pdf', async () => [Buffer.from('hello, this is text'), 'fake.pdf'], 'corrupt', /cannot be read as a PDF/],
    ['an encrypted .docx', async () => [encryptedDocx(), 'secret.docx'], 'encrypted', /password-protected/],
    ['a damaged .docx', async () => [truncated(await docxFromText(policyText())), 'broken.docx'], 'corrupt', /cannot be read as a Word \.docx/],
    ['an unsupported type', async () => [Buffer.from('a,b\n1,2\n'), 'table.xlsx'], 'unsupported', /not a supported type.*\.txt, \.md, \.docx or \.pdf/],
    ['binary content named .txt', async () => [Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 1]), 'zip.txt'], 'unsupported', /binary content/],
    ['over 20 MB', async () => [Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), 'huge.txt'], 'too-large', /larger than 20 MB/],
    ['over 500 pages', async () => [await manyPagesPdf(501), 'long.pdf'], 'too-long', /longer than 500 pages/],
  ];
  for (const [what, make, code, message] of cases) {
    it(`${what} → ${code}`, async () => {
      await add(Buffer.from(policyText()), 'present.txt'); // a folder with something in it
      const before = snapshot();
      const [bytes, name] = await make();
      const err = await add(bytes, name).catch((e) => e);
      expect(err).toBeInstanceOf(DocumentRejected);
      expect(err.code).toBe(code);
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain('\n');
      expect(err.text('zh')).not.toBe(err.message); // the bot says it in Chinese
      expect(snapshot()).toEqual(before);
    });
  }

  it('the same document again, in another format → "already present", naming the document', async () => {
    const first = await add(Buffer.from(policyText()), 'measures.txt');
    const before = snapshot();
    const err = await add(await docxFromText(policyText()), 'measures.docx').catch((e) => e);
    expect(err.code).toBe('duplicate');
    expect(err.message).toMatch(/already present: already in the corpus as "新安市推进飞地经济合作发展实施办法" \(measures\.txt, id /);
    expect(err.message).toContain(first.entry.id);
    expect(snapshot()).toEqual(before);
  });

  it('a shipped paper uploaded again (same text) is already present', async () => {
    const raw = readFileSync('corpus/004-zhejiang-mountain-sea-enclaves.md', 'utf8');
    const body = raw.slice(raw.indexOf('\n---\n', 3) + 5);
    const err = await add(Buffer.from(body), 'paper.md').catch((e) => e);
    expect(err.code).toBe('duplicate');
    expect(err.message).toContain('004_4dc32fbbbf306e5c.txt');
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false);
  });

  it('a different document under a name already present is refused (citations must tell them apart)', async () => {
    await add(Buffer.from(policyText()), 'measures.txt');
    const err = await add(Buffer.from('另一份文件\n\n这是完全不同的内容，讲的是飞地园区的土地指标调剂办法，共三条。'), 'measures.txt').catch((e) => e);
    expect(err.code).toBe('same-name');
  });
});

describe('remove', () => {
  it('removes an added document (by id or by its file name) and refuses a shipped paper', async () => {
    const r = await add(Buffer.from(policyText()), 'measures.txt');
    const shipped = await removeDocument('003-reverse-enclave-innovation', { documentsDir: dir, existing: existing() }).catch((e) => e);
    expect(shipped.code).toBe('shipped');
    expect(shipped.message).toMatch(/one of the five shipped papers and cannot be removed/);
    const unknown = await removeDocument('doc-nope', { documentsDir: dir, existing: existing() }).catch((e) => e);
    expect(unknown.code).toBe('unknown-id');
    const removed = await removeDocument('measures.txt', { documentsDir: dir, existing: existing() });
    expect(removed.id).toBe(r.entry.id);
    expect(existing().filter((d) => d.origin === 'added')).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.md'))).toEqual([]);
  });
});
