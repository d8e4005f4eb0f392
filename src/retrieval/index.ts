import { chunkCorpus, CHUNKER_VERSION } from '../corpus/chunk';
import { addedDocumentsFingerprint, loadAllDocuments } from '../corpus/added';
import { LsaEmbedder } from './embedders/lsa';
import type { HybridParams, HybridRetriever } from './hybrid';
import { openIndex, type LogFn } from './store';
import type { Embedder } from './types';

export { createEmbedder, LsaEmbedder, OpenAIEmbedder } from './embedders';
export { expandQuery, getGlossary, glossChinese, type GlossaryEntry } from './glossary';
export { HybridRetriever, DEFAULT_PARAMS, type HybridParams } from './hybrid';
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
export async function openRetriever(opts: OpenRetrieverOptions = {}): Promise<HybridRetriever> {
  const corpusDir = opts.corpusDir ?? 'corpus';
  const docs = loadAllDocuments({ corpusDir, documentsDir: opts.documentsDir });
  const chunks = chunkCorpus(docs);
  return openIndex({
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
}
