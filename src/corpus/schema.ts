import { z } from 'zod';

/** Front matter of one cleaned corpus file (`corpus/*.md`). `source` is the original file name, kept exactly. */
export const DocumentMetaSchema = z.object({
  id: z.string().min(1),
  source: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  authors: z.array(z.string()).default([]),
  venue: z.string().optional(),
  year: z.number().int().optional(),
  lang: z.enum(['zh', 'en', 'zh-en']),
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

/**
 * Front matter of a document a user added (src/documents writes it): `source` is the name of the
 * file they added, kept exactly (citations carry it), so it is any plain file name.
 */
export const AddedDocumentMetaSchema = DocumentMetaSchema.extend({
  source: z
    .string()
    .min(1)
    .max(255)
    .refine((s) => !/[\/\\\n\r\0]/.test(s) && s.trim() === s, { message: 'must be a plain file name (no folders, no line breaks)' }),
  origin: z.literal('added'),
  addedAt: z.string().min(1),
});

/** Where a document comes from: one of the papers shipped in corpus/, or one a user added (DATA_DIR/documents). */
export type DocumentOrigin = 'shipped' | 'added';

/** A cleaned document: its meta, the whole file text, and where the body starts inside it. */
export interface CorpusDocument extends DocumentMeta {
  /** Shipped paper or added document; everything downstream (chunks, index, advisor, citations) treats both alike. */
  origin: DocumentOrigin;
  /** Added documents: when (ISO time). */
  addedAt?: string;
  /** Path of the cleaned file, relative to the project root. */
  path: string;
  /** The whole cleaned file (front matter included); chunk offsets index into this string. */
  raw: string;
  /** Offset in `raw` where the Markdown body starts (after the front matter). */
  bodyStart: number;
}

/**
 * A retrievable passage. `text` is exactly `raw.slice(start, end)` of its document, so every
 * quote taken from it can be found verbatim in `corpus/`.
 */
export const ChunkSchema = z.object({
  id: z.string(),
  docId: z.string(),
  source: z.string(),
  title: z.string(),
  /** Section path joined with ' › ', e.g. `四、… › （二）…`; '' for text before the first heading. */
  section: z.string(),
  sectionPath: z.array(z.string()),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Chunk = z.infer<typeof ChunkSchema>;
