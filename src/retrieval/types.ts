import type { Chunk } from '../corpus/schema';

/** Turns text into vectors. Implementations: the local LSA embedder (default) and OpenAI embeddings. */
export interface Embedder {
  /** Stable identity recorded in the index manifest, e.g. `lsa-v1:256` or `openai:text-embedding-3-small`. */
  readonly id: string;
  readonly dim: number;
  embedDocuments(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
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
}

export interface Retriever {
  retrieve(query: string, options?: RetrieveOptions): Promise<Hit[]>;
}
