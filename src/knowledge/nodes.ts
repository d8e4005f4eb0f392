/**
 * The nodes the question bank and the structure channel key on: every passage (chunk) and every
 * enumeration of every document, each with a stable id and the hash of its text, so a bank entry
 * written for one text is recognised as stale when the text changes.
 */
import { chunkCorpus } from '../corpus/chunk';
import type { Chunk, CorpusDocument } from '../corpus/schema';
import { contentHash, enumerationText, treeOf, type EnumerationNode } from './tree';

export type NodeKind = 'passage' | 'enumeration';

export interface KnowledgeNode {
  id: string;
  kind: NodeKind;
  docId: string;
  source: string;
  section: string;
  /** Verbatim text (an enumeration: its lead and each item's first sentence, a line each). */
  text: string;
  hash: string;
  /** The passage itself, or the enumeration. */
  chunk?: Chunk;
  enumeration?: EnumerationNode;
}

export function knowledgeNodes(docs: CorpusDocument[], chunks: Chunk[] = chunkCorpus(docs)): KnowledgeNode[] {
  const out: KnowledgeNode[] = [];
  for (const c of chunks) out.push({ id: c.id, kind: 'passage', docId: c.docId, source: c.source, section: c.section, text: c.text, hash: contentHash(c.text), chunk: c });
  for (const doc of docs) {
    const tree = treeOf(doc);
    const names = new Map(tree.sections.map((s) => [s.id, s.name]));
    for (const e of tree.enumerations) {
      const text = enumerationText(e);
      out.push({ id: e.id, kind: 'enumeration', docId: doc.id, source: doc.source, section: names.get(e.sectionId) ?? '', text, hash: contentHash(text), enumeration: e });
    }
  }
  return out;
}
