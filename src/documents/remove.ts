/** One added document out; the shipped papers stay (they are part of the program, in git). */
import type { AddedEntry } from '../corpus/added';
import type { CorpusDocument } from '../corpus/schema';
import { DocumentRejected } from './rejection';
import { commitRemove } from './store';

/** `ref` is an id, or the source file name of an added document. */
export async function removeDocument(ref: string, ctx: { documentsDir: string; existing: CorpusDocument[] }): Promise<AddedEntry> {
  const key = ref.trim();
  const doc = ctx.existing.find((d) => d.id === key) ?? ctx.existing.find((d) => d.source === key);
  if (doc?.origin === 'shipped') throw new DocumentRejected('shipped', { other: `${doc.id} ("${doc.title}")` });
  return commitRemove(ctx.documentsDir, doc?.id ?? key);
}
