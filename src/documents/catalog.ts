/** The corpus as a list, for `docs list` and the bot's /docs: every document with its passages. */
import { chunkCorpus } from '../corpus/chunk';
import type { CorpusDocument } from '../corpus/schema';

export interface DocumentRow {
  id: string;
  source: string;
  title: string;
  chunks: number;
  shipped: boolean;
  added: boolean;
  /** Added documents: when (ISO time). */
  addedAt?: string;
}

export function documentRows(docs: CorpusDocument[]): DocumentRow[] {
  const counts = new Map<string, number>();
  for (const c of chunkCorpus(docs)) counts.set(c.docId, (counts.get(c.docId) ?? 0) + 1);
  return docs.map((d) => ({
    id: d.id,
    source: d.source,
    title: d.title,
    chunks: counts.get(d.id) ?? 0,
    shipped: d.origin === 'shipped',
    added: d.origin === 'added',
    ...(d.addedAt ? { addedAt: d.addedAt } : {}),
  }));
}
