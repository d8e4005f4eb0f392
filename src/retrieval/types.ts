import type { Chunk } from '../corpus/schema';

/** Turns text into vectors. Implementations: the local LSA embedder (default) and OpenAI embeddings. */
export interface Embedder {
  /** Stable identity recorded in the index manifest, e.g. `lsa-v1:256` or `openai:text-embedding-3-small`. */
  readonly id: string;
  readonly dim: number;
  embedDocuments(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
}

/**
 * An embedder learnt from the corpus itself (the local LSA): the index store fits it on the chunk
 * texts when building, saves its model files next to the vectors, and loads them when reopening.
 */
export interface FittableEmbedder extends Embedder {
  readonly fitted: boolean;
  fit(texts: string[]): void;
  /** Writes its model files into `dir`; returns their names (the manifest hashes them). */
  save(dir: string): string[];
  load(dir: string): void;
}

export function isFittable(e: Embedder): e is FittableEmbedder {
  return typeof (e as Partial<FittableEmbedder>).fit === 'function';
}

export type RetrievalMode = 'hybrid' | 'lexical' | 'vector';

export interface RetrieveOptions {
  k?: number;
  mode?: RetrievalMode;
  /** The previous question of the conversation, for follow-ups such as `那收益怎么分？`. */
  context?: string;
}

export interface ChannelScore {
  rank: number;
  score: number;
}

export interface Hit {
  chunk: Chunk;
  /** Final fused (and reranked) score: higher is better. */
  score: number;
  lexical?: ChannelScore;
  vector?: ChannelScore;
  /**
   * Fraction (0–1) of the question's content terms found in the passage (English terms count as
   * found when one of their glossary translations is). A signal for the decline threshold.
   */
  coverage?: number;
}

export interface Retriever {
  retrieve(query: string, options?: RetrieveOptions): Promise<Hit[]>;
}
