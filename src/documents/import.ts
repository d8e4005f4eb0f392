/**
 * One document in: check → parse → clean → front matter → validate and chunk like the shipped
 * papers → commit to the documents folder (atomic). Rebuilding the search index afterwards is the
 * caller's part (the CLI rebuilds in-process, the bot in the background: see library.ts).
 */
import { basename, extname, join } from 'node:path';
import type { AddedEntry } from '../corpus/added';
import { chunkCorpus } from '../corpus/chunk';
import { renderFrontMatter } from '../corpus/clean';
import { parseDocument, sha256 } from '../corpus/load';
import type { Chunk, CorpusDocument } from '../corpus/schema';
import { sectionsOf } from '../corpus/sections';
import { cleanExtracted, renderBody, type Block } from './clean';
import { extract, formatOf } from './extract';
import { contentHash, detectLang, documentId, fingerprint, letters, overlap, SAME_DOCUMENT_OVERLAP } from './identity';
import { DocumentRejected, MAX_BYTES, MAX_CHARS } from './rejection';
import { commitAdd } from './store';

export interface ImportInput {
  bytes: Buffer;
  /** The file's own name; it becomes the document's `source`, which its citations carry. */
  fileName: string;
  /** Overrides the title found in the file. */
  title?: string;
}

export interface ImportContext {
  documentsDir: string;
  /** The documents in the corpus now (shipped and added): a new one must differ from each. */
  existing: CorpusDocument[];
  now?: Date;
}

export interface ImportResult {
  entry: AddedEntry;
  doc: CorpusDocument;
  chunks: Chunk[];
  /** Section names (heading paths) found in the document. */
  sections: string[];
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The document a new text duplicates, if any: same letters, or nearly all of them and a similar length. */
export function findDuplicate(text: string, existing: CorpusDocument[], hashes: Map<string, string>): CorpusDocument | undefined {
  const hash = contentHash(text);
  const exact = existing.find((d) => hashes.get(d.id) === hash);
  if (exact) return exact;
  const mine = fingerprint(text);
  const len = letters(text).length;
  return existing.find((d) => {
    const body = d.raw.slice(d.bodyStart);
    const other = letters(body).length;
    if (Math.min(len, other) / Math.max(len, other, 1) < 0.8) return false;
    return overlap(mine, fingerprint(body)) >= SAME_DOCUMENT_OVERLAP;
  });
}

function describe(d: CorpusDocument): string {
  return `"${d.title}" (${d.source}, id ${d.id})`;
}

export async function importDocument(input: ImportInput, ctx: ImportContext): Promise<ImportResult> {
  const fileName = basename(input.fileName.replace(/\\/g, '/')).trim();
  const file = fileName || 'the file';
  formatOf(fileName); // unsupported types first: their size or content does not matter
  if (input.bytes.length === 0) throw new DocumentRejected('empty', { file });
  if (input.bytes.length > MAX_BYTES) throw new DocumentRejected('too-large', { file, detail: MB(input.bytes.length) });

  const extracted = await extract(input.bytes, fileName);
  const clean = cleanExtracted(extracted);
  const count = letters(clean.text).length;
  if (count === 0) throw new DocumentRejected('empty', { file });
  if (count > MAX_CHARS) throw new DocumentRejected('too-long', { file, detail: `about ${Math.ceil(count / 2000)} pages of text` });

  const title = (input.title?.trim() || clean.title || basename(fileName, extname(fileName))).replace(/\s+/g, ' ');
  const blocks: Block[] = clean.blocks.some((b) => b.kind === 'paragraph') ? clean.blocks : [...clean.blocks, { kind: 'paragraph', text: clean.text.replace(/\n/g, ' ') }];
  const hash = contentHash(clean.text);
  const id = documentId(fileName, hash);

  const refuseClashes = (existing: CorpusDocument[], hashes: Map<string, string>) => {
    const dup = findDuplicate(clean.text, existing, hashes);
    if (dup) throw new DocumentRejected('duplicate', { file, other: describe(dup) });
    const named = existing.find((d) => d.source === fileName);
    if (named) throw new DocumentRejected('same-name', { file, other: describe(named), detail: named.id });
  };
  refuseClashes(ctx.existing, new Map());

  const addedAt = (ctx.now ?? new Date()).toISOString();
  const markdown =
    renderFrontMatter({ id, source: fileName, title, authors: [], lang: detectLang(clean.text), origin: 'added', addedAt }) + '\n' + renderBody(title, blocks);
  const entryFile = `${id}.md`;
  // Parsed and chunked exactly as the loader will: what is committed is known to load.
  const doc = parseDocument(markdown, join(ctx.documentsDir, entryFile), 'added');
  const chunks = chunkCorpus([doc]);
  if (chunks.length === 0) throw new DocumentRejected('empty', { file });

  const entry: AddedEntry = {
    id,
    file: entryFile,
    source: fileName,
    title,
    sha256: sha256(markdown),
    contentHash: hash,
    format: extracted.format,
    chunks: chunks.length,
    addedAt,
  };
  await commitAdd(ctx.documentsDir, entry, markdown, (current) => {
    // Another process may have added documents since `existing` was read: compare with those too.
    const hashes = new Map(current.documents.map((d) => [d.id, d.contentHash]));
    const same = current.documents.find((d) => d.contentHash === hash || d.id === id);
    if (same) throw new DocumentRejected('duplicate', { file, other: `"${same.title}" (${same.source}, id ${same.id})` });
    const sameName = current.documents.find((d) => d.source === fileName);
    if (sameName) throw new DocumentRejected('same-name', { file, other: `"${sameName.title}" (id ${sameName.id})`, detail: sameName.id });
    refuseClashes(ctx.existing, hashes);
  });
  const sections = [...new Set(sectionsOf(doc).map((s) => s.name).filter(Boolean))];
  return { entry, doc, chunks, sections };
}
