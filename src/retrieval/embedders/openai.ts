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
  /**
   * Deadline of one question's embedding (no retry): short, because it runs inside an answer whose
   * whole budget is LLM_TIMEOUT_MS; on failure retrieval goes on lexically.
   */
  queryTimeoutMs?: number;
}

/**
 * OpenAI (or compatible) embeddings through LangChain, used instead of the local LSA when an API key
 * is configured. Chunk vectors are computed once at index time and stored; only questions call the API.
 */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  private knownDim: number | undefined;
  private clientP: Promise<OpenAIEmbeddings> | undefined;
  private queryClientP: Promise<OpenAIEmbeddings> | undefined;

  constructor(private readonly opts: OpenAIEmbedderOptions) {
    this.id = `openai:${opts.model}`;
    this.knownDim = KNOWN_DIMS[opts.model];
  }

  private makeClient(timeout: number | undefined, maxRetries: number): Promise<OpenAIEmbeddings> {
    return import('@langchain/openai').then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          apiKey: this.opts.apiKey,
          model: this.opts.model,
          timeout,
          maxRetries,
          configuration: this.opts.baseURL ? { baseURL: this.opts.baseURL } : undefined,
        }),
    );
  }

  /** Index building: the long timeout, one retry. */
  private client(): Promise<OpenAIEmbeddings> {
    this.clientP ??= this.makeClient(this.opts.timeoutMs, 1);
    return this.clientP;
  }

  private queryClient(): Promise<OpenAIEmbeddings> {
    this.queryClientP ??= this.makeClient(this.opts.queryTimeoutMs ?? this.opts.timeoutMs, 0);
    return this.queryClientP;
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
    const client = await this.queryClient();
    const ms = this.opts.queryTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    // The race holds the deadline even if a layer below ignores its own timeout.
    const raw = await (ms
      ? Promise.race([
          client.embedQuery(text),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`query embedding timed out after ${ms} ms`)), ms);
          }),
        ]).finally(() => clearTimeout(timer))
      : client.embedQuery(text));
    const v = l2normalize(Float32Array.from(raw));
    this.knownDim = v.length;
    return v;
  }
}
