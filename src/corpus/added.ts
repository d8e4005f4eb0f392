/**
 * The read side of the documents users add (the write side is src/documents): their manifest and
 * their cleaned files, loaded as CorpusDocuments with `origin: 'added'`, so chunks, index, advisor
 * and citations treat them exactly like the shipped papers.
 *
 *   <documentsDir>/manifest.json   which documents are in the corpus (the commit point of add/remove)
 *   <documentsDir>/<id>.md         one cleaned document with front matter, like corpus/*.md
 *
 * A file not listed in the manifest (left by an import that was killed) is ignored.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CorpusError, defaultCorpusDir, loadCorpus, parseDocument, sha256, type LoadOptions } from './load';
import type { CorpusDocument } from './schema';

export const ADDED_MANIFEST = 'manifest.json';

export const AddedEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/),
  file: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}\.md$/),
  source: z.string().min(1),
  title: z.string().min(1),
  /** sha256 of the cleaned file: an edited file is reported, not silently indexed. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** sha256 of the document's letters and digits: the same text added again in another format is recognised. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(['txt', 'md', 'docx', 'pdf']),
  chunks: z.number().int().nonnegative(),
  addedAt: z.string(),
});
export type AddedEntry = z.infer<typeof AddedEntrySchema>;

export const AddedManifestSchema = z.object({ version: z.literal(1), documents: z.array(AddedEntrySchema) });
export type AddedManifest = z.infer<typeof AddedManifestSchema>;

export const EMPTY_MANIFEST: AddedManifest = { version: 1, documents: [] };

const FIX = 'Fix or delete that file; `npm run -s cli -- docs list` shows what is added.';

/** The manifest as bytes and parsed; an absent folder or manifest is the empty manifest. */
export function readAddedManifest(documentsDir: string): { manifest: AddedManifest; bytes: Buffer | undefined } {
  const path = join(documentsDir, ADDED_MANIFEST);
  if (!existsSync(path)) return { manifest: EMPTY_MANIFEST, bytes: undefined };
  const bytes = readFileSync(path);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new CorpusError(`${path} is not valid JSON (${(e as Error).message}). ${FIX}`, path);
  }
  const m = AddedManifestSchema.safeParse(json);
  if (!m.success) {
    const i = m.error.issues[0];
    throw new CorpusError(`${path} is malformed (${i ? `${i.path.join('.')}: ${i.message}` : 'unknown'}). ${FIX}`, path);
  }
  return { manifest: m.data, bytes };
}

/**
 * A fingerprint of the loaded added documents for the index's staleness key: undefined when there are
 * none (so an index built before any document was added stays current), else a hash of every added
 * document's id and exact text — any add, remove or change gives a new value.
 */
export function addedDocumentsFingerprint(docs: CorpusDocument[]): string | undefined {
  const added = docs.filter((d) => d.origin === 'added');
  if (added.length === 0) return undefined;
  const h = createHash('sha256');
  for (const d of added) h.update(d.id).update('\0').update(d.raw).update('\0');
  return h.digest('hex');
}

/** Loads every document the manifest lists, each checked against its sha256. */
export function loadAddedDocuments(documentsDir: string, opts: LoadOptions = {}): CorpusDocument[] {
  const { manifest } = readAddedManifest(documentsDir);
  const docs: CorpusDocument[] = [];
  for (const entry of manifest.documents) {
    const path = join(documentsDir, entry.file);
    if (!existsSync(path)) throw new CorpusError(`${path} is missing (listed in ${join(documentsDir, ADDED_MANIFEST)}). Remove it with \`npm run -s cli -- docs remove ${entry.id}\` and add it again.`, path);
    const raw = readFileSync(path, 'utf8');
    if ((opts.verify ?? true) && sha256(raw) !== entry.sha256) {
      throw new CorpusError(`${path} was altered (its sha256 no longer matches the documents manifest). Remove it with \`npm run -s cli -- docs remove ${entry.id}\` and add the document again.`, path);
    }
    const doc = parseDocument(raw, path, 'added');
    if (doc.id !== entry.id || doc.source !== entry.source) throw new CorpusError(`${path}: its front matter does not match the documents manifest (id ${entry.id}). ${FIX}`, path);
    docs.push(doc);
  }
  return docs;
}

export interface CorpusLocation {
  /** The shipped papers (default corpus/). */
  corpusDir?: string;
  /** The documents users added (DOCUMENTS_DIR, default DATA_DIR/documents); none when absent. */
  documentsDir?: string;
}

/**
 * The corpus every part of the program answers from: the shipped papers, then the added documents.
 * An added document can never take a shipped paper's id or source (the importer refuses it; a
 * hand-edited folder is reported here).
 */
export function loadAllDocuments(loc: CorpusLocation = {}, opts: LoadOptions = {}): CorpusDocument[] {
  const shipped = loadCorpus(loc.corpusDir ?? defaultCorpusDir(), opts);
  if (!loc.documentsDir) return shipped;
  const added = loadAddedDocuments(loc.documentsDir, opts);
  const taken = new Map<string, string>();
  for (const d of shipped) {
    taken.set(`id:${d.id}`, d.path);
    taken.set(`source:${d.source}`, d.path);
  }
  for (const d of added) {
    for (const key of [`id:${d.id}`, `source:${d.source}`]) {
      const other = taken.get(key);
      if (other) throw new CorpusError(`${d.path} and ${other} share the same ${key.split(':')[0]}. ${FIX}`, d.path);
      taken.set(key, d.path);
    }
  }
  return [...shipped, ...added];
}
