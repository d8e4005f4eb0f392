import type { Config } from '../../config';
import type { Embedder } from '../types';
import { LsaEmbedder } from './lsa';
import { OpenAIEmbedder } from './openai';

export { LsaEmbedder } from './lsa';
export { OpenAIEmbedder } from './openai';

/** A question's embedding gets a small share of the answer's time budget, at most 3 s. */
export function queryTimeoutMs(llmTimeoutMs: number | undefined): number {
  return Math.max(200, Math.min(3000, Math.floor((llmTimeoutMs ?? 20000) / 4)));
}

/**
 * Remote embeddings only when both an API key and OPENAI_EMBEDDING_MODEL are set explicitly (in
 * `env`, the variables the config was read from): many compatible servers (DeepSeek…) have no
 * embeddings endpoint, so a key alone keeps the local, deterministic LSA embedder.
 */
export function createEmbedder(
  config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'> & Partial<Pick<Config, 'OPENAI_EMBEDDING_MODEL' | 'LLM_TIMEOUT_MS'>>,
  env: Record<string, string | undefined> = process.env,
): Embedder {
  const explicit = Boolean(env.OPENAI_EMBEDDING_MODEL?.trim());
  if (config.OPENAI_API_KEY && explicit && config.OPENAI_EMBEDDING_MODEL) {
    return new OpenAIEmbedder({
      apiKey: config.OPENAI_API_KEY,
      model: config.OPENAI_EMBEDDING_MODEL,
      baseURL: config.OPENAI_BASE_URL,
      timeoutMs: config.LLM_TIMEOUT_MS,
      queryTimeoutMs: queryTimeoutMs(config.LLM_TIMEOUT_MS),
    });
  }
  return new LsaEmbedder();
}
