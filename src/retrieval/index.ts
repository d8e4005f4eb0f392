import { chunkCorpus, CHUNKER_VERSION } from '../corpus/chunk';
import { addedDocumentsFingerprint, loadAllDocuments } from '../corpus/added';
import { join } from 'node:path';
import type { Chunk } from '../corpus/schema';
import { loadBank } from '../knowledge/bank';
import { knowledgeNodes } from '../knowledge/nodes';
import { addCorrectionTerms } from '../knowledge/normalize';
import { LsaEmbedder } from './embedders/lsa';
import { KnowledgeRetriever } from './knowledge';
import type { HybridParams, HybridRetriever } from './hybrid';
import { openIndex, type LogFn } from './store';
import type { Embedder } from './types';
import { getJieba } from './tokenize';

export { createEmbedder, LsaEmbedder, OpenAIEmbedder } from './embedders';
export { expandQuery, getGlossary, glossChinese, type GlossaryEntry } from './glossary';
export { HybridRetriever, DEFAULT_PARAMS, type HybridParams } from './hybrid';
export { KnowledgeRetriever, CHANNELS, type ChannelName, type FusionWeights, type FusionTable, type Unit } from './knowledge';
export { tokenize, contentTerms } from './tokenize';
export { RETRIEVAL_VERSION, type LogFn } from './store';
export type { Embedder, Hit, RetrievalMode, RetrieveOptions, Retriever } from './types';

export interface OpenRetrieverOptions {
  corpusDir?: string;
  /** Documents users added (src/documents); loaded after the shipped papers and indexed alike. */
  documentsDir?: string;
  indexDir?: string;
  /** Defaults to the local LSA embedder; pass `createEmbedder(config)` to honour OPENAI_API_KEY. */
  embedder?: Embedder;
  /** Receives 'info' (first build) and 'warn' (stale/corrupt index rebuilt, index not saved) messages. */
  log?: LogFn;
  /** Rebuild even if a valid index is on disk. */
  force?: boolean;
  params?: Partial<HybridParams>;
}

/**
 * Loads the corpus, chunks it, and opens the search index in `indexDir` — loading it when current,
 * (re)building and saving it when missing, stale or unreadable. Corpus errors propagate (CorpusError).
 */
export async function openRetriever(opts: OpenRetrieverOptions = {}): Promise<KnowledgeRetriever> {
  const corpusDir = opts.corpusDir ?? 'corpus';
  const docs = loadAllDocuments({ corpusDir, documentsDir: opts.documentsDir });
  const chunks = chunkCorpus(docs);
  const passages = await openIndex({
    docs,
    chunks,
    corpusDir,
    addedHash: addedDocumentsFingerprint(docs),
    chunkerVersion: String(CHUNKER_VERSION),
    indexDir: opts.indexDir ?? 'index',
    embedder: opts.embedder ?? new LsaEmbedder(),
    log: opts.log,
    force: opts.force,
    params: opts.params,
  });
  return withKnowledge(passages, chunks, [join(corpusDir, 'questions'), ...(opts.documentsDir ? [join(opts.documentsDir, 'questions')] : [])], opts.log);
}

/**
 * The knowledge layer over the passages: the documents' enumerations as units, and the question bank
 * (entries that no longer fit their node are left out, with one warning line per file).
 */
export function withKnowledge(passages: HybridRetriever, chunks: Chunk[], bankDirs: string[], log?: LogFn): KnowledgeRetriever {
  const nodes = knowledgeNodes(passages.docs, chunks);
  const entries = [];
  for (const dir of bankDirs) {
    const bank = loadBank(dir, nodes);
    entries.push(...bank.entries);
    const byFile = new Map<string, number>();
    for (const p of bank.problems) byFile.set(p.file, (byFile.get(p.file) ?? 0) + 1);
    for (const [file, n] of byFile) log?.(`question bank ${join(dir, file)}: ${n} entr${n === 1 ? 'y' : 'ies'} left out (stale or not verbatim); run \`npm run enrich\` or fix the file`, 'warn');
  }
  // The documents' long words join the homophone corrector's vocabulary (基础设是 → 基础设施).
  const jieba = getJieba();
  addCorrectionTerms(chunks.flatMap((c) => jieba.cut(c.text, false)));
  return new KnowledgeRetriever(passages, nodes, entries);
}
