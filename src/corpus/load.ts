import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AddedDocumentMetaSchema, DocumentMetaSchema, type CorpusDocument, type DocumentOrigin } from './schema';

/** The corpus on disk is missing, altered or malformed. The message names the file and the fix. */
export class CorpusError extends Error {
  constructor(
    message: string,
    /** The offending file (relative path as given), when there is one. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'CorpusError';
  }
}

const ManifestSchema = z.object({
  files: z
    .array(
      z.object({
        file: z.string().regex(/^[^/\\]+\.md$/),
        id: z.string().min(1),
        source: z.string().min(1),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .min(1),
});
export type CorpusManifest = z.infer<typeof ManifestSchema>;

export interface LoadOptions {
  /**
   * Check each file against the sha256 in manifest.json (default true). Offsets of chunks and quotes
   * depend on the exact text, so an edited file is reported rather than silently indexed.
   */
  verify?: boolean;
}

const RESTORE = 'Restore it with `git checkout -- corpus/` (or regenerate with `npx tsx scripts/import-corpus.ts`).';

/** Normalises line endings so a checkout with CRLF conversion still matches the manifest and offsets. */
function readText(path: string): string {
  return readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Parses the fixed front-matter format the importer writes: `key: value` lines where the value is a
 * JSON string, a number, `[]`, or a bare word, and block lists of `  - "item"` lines.
 */
export function parseFrontMatter(raw: string, file: string): { data: Record<string, unknown>; bodyStart: number } {
  if (!raw.startsWith('---\n')) throw new CorpusError(`${file} has no front matter (it must start with a "---" line). ${RESTORE}`, file);
  const close = raw.indexOf('\n---\n', 3);
  if (close < 0) throw new CorpusError(`${file}: front matter is not closed by a "---" line. ${RESTORE}`, file);
  const lines = raw.slice(4, close).split('\n');
  const data: Record<string, unknown> = {};
  let listKey: string | undefined;
  const scalar = (v: string, lineNo: number): unknown => {
    if (v.startsWith('"')) {
      try {
        return JSON.parse(v);
      } catch {
        throw new CorpusError(`${file}: front matter line ${lineNo + 2} has a malformed quoted value: ${v}. ${RESTORE}`, file);
      }
    }
    if (v === '[]') return [];
    if (/^-?\d+$/.test(v)) return Number(v);
    if (v === 'true' || v === 'false') return v === 'true';
    return v;
  };
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item) {
      if (!listKey) throw new CorpusError(`${file}: front matter line ${i + 2} is a list item outside a list. ${RESTORE}`, file);
      (data[listKey] as unknown[]).push(scalar(item[1].trim(), i));
      return;
    }
    const kv = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!kv) throw new CorpusError(`${file}: front matter line ${i + 2} is not "key: value": ${line}. ${RESTORE}`, file);
    const [, key, value] = kv;
    if (key in data) throw new CorpusError(`${file}: front matter key "${key}" appears twice. ${RESTORE}`, file);
    if (value.trim() === '') {
      data[key] = [];
      listKey = key;
    } else {
      data[key] = scalar(value.trim(), i);
      listKey = undefined;
    }
  });
  return { data, bodyStart: close + '\n---\n'.length };
}

/**
 * Parses one cleaned corpus file. `path` is used in messages and stored on the document. A shipped
 * paper's `source` is the original extract's name (`000_….txt`); an added document's is the name of
 * the file its user added.
 */
export function parseDocument(raw: string, path: string, origin: DocumentOrigin = 'shipped'): CorpusDocument {
  const { data, bodyStart } = parseFrontMatter(raw, path);
  const parsed = origin === 'added' ? AddedDocumentMetaSchema.safeParse(data) : DocumentMetaSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    const fix = origin === 'added' ? 'Remove the document (`npm run -s cli -- docs remove ID`) and add it again.' : RESTORE;
    throw new CorpusError(`${path}: invalid front matter (${issues}). ${fix}`, path);
  }
  return { ...parsed.data, origin, path, raw, bodyStart };
}

/** `corpus` under the working directory, or the project's own corpus/ when started from elsewhere. */
export function defaultCorpusDir(): string {
  if (existsSync('corpus')) return 'corpus';
  return fileURLToPath(new URL('../../corpus', import.meta.url));
}

/**
 * Loads the cleaned corpus. With a manifest.json (the shipped corpus) every listed file must exist and,
 * unless `verify: false`, match its checksum; without one (a test fixture) every `*.md` but README.md
 * is loaded. Documents come back in file-name order.
 */
export function loadCorpus(dir = defaultCorpusDir(), opts: LoadOptions = {}): CorpusDocument[] {
  const verify = opts.verify ?? true;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CorpusError(`Corpus directory ${dir}/ not found. Run from the project root, or restore it with \`git checkout -- corpus/\`.`, dir);
  }
  const manifestPath = join(dir, 'manifest.json');
  let entries: { file: string; source?: string; sha256?: string }[];
  if (existsSync(manifestPath)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch (e) {
      throw new CorpusError(`${manifestPath} is not valid JSON (${(e as Error).message}). ${RESTORE}`, manifestPath);
    }
    const m = ManifestSchema.safeParse(json);
    if (!m.success) throw new CorpusError(`${manifestPath} is malformed (${m.error.issues[0]?.message}). ${RESTORE}`, manifestPath);
    entries = m.data.files;
  } else {
    entries = readdirSync(dir)
      .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
      .sort()
      .map((file) => ({ file }));
    if (entries.length === 0) throw new CorpusError(`No corpus files (*.md) in ${dir}/. Restore them with \`git checkout -- corpus/\`.`, dir);
  }

  const docs: CorpusDocument[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.file);
    if (!existsSync(path)) {
      throw new CorpusError(`${path} is missing (listed in ${manifestPath}). ${RESTORE}`, path);
    }
    const raw = readText(path);
    if (verify && entry.sha256 && sha256(raw) !== entry.sha256) {
      throw new CorpusError(
        `${path} was altered (its sha256 no longer matches ${manifestPath}); quotes and chunk offsets depend on the exact text. ${RESTORE}`,
        path,
      );
    }
    const doc = parseDocument(raw, path);
    if (entry.source && doc.source !== entry.source) {
      throw new CorpusError(`${path}: front matter source "${doc.source}" differs from "${entry.source}" in ${manifestPath}. ${RESTORE}`, path);
    }
    docs.push(doc);
  }
  const seen = new Map<string, string>();
  for (const d of docs) {
    for (const key of [`id:${d.id}`, `source:${d.source}`]) {
      const other = seen.get(key);
      if (other) throw new CorpusError(`${d.path} and ${other} share the same ${key.split(':')[0]} "${key.slice(key.indexOf(':') + 1)}". ${RESTORE}`, d.path);
      seen.set(key, d.path);
    }
  }
  return docs;
}
