// Type-only: @langchain/openai takes ~1.3 s to import, so it is loaded on first use, not at start-up.
import type { OpenAIEmbeddings } from '@langchain/openai';
import type { Embedder } from '../types';
import { l2normalize } from './lsa';

const KNOWN_DIMS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

export interface OpenAIEmbedderOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs?: number;
}

/**
 * OpenAI (or compatible) embeddings through LangChain, used instead of the local LSA when an API key
 * is configured. Chunk vectors are computed once at index time and stored; only questions call the API.
 */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private knownDim: number | undefined;
  private clientP: Promise<OpenAIEmbeddings> | undefined;

  constructor(private readonly opts: OpenAIEmbedderOptions) {
    this.id = `openai:${opts.model}`;
    this.knownDim = KNOWN_DIMS[opts.model];
  }

  private client(): Promise<OpenAIEmbeddings> {
    this.clientP ??= import('@langchain/openai').then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          apiKey: this.opts.apiKey,
          model: this.opts.model,
          timeout: this.opts.timeoutMs,
          maxRetries: 1,
          configuration: this.opts.baseURL ? { baseURL: this.opts.baseURL } : undefined,
        }),
    );
    return this.clientP;
  }

  /** Known for OpenAI's models; for other models, learnt from the first response. */
  get dim(): number {
    return this.knownDim ?? 0;
  }

  async embedDocuments(texts: string[]): Promise<Float32Array[]> {
    const out = (await (await this.client()).embedDocuments(texts)).map((v) => l2normalize(Float32Array.from(v)));
    if (out[0]) this.knownDim = out[0].length;
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const v = l2normalize(Float32Array.from(await (await this.client()).embedQuery(text)));
    this.knownDim = v.length;
    return v;
  }
}
