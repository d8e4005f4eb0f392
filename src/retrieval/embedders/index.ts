import type { Config } from '../../config';
import type { Embedder } from '../types';
import { LsaEmbedder } from './lsa';
import { OpenAIEmbedder } from './openai';

export { LsaEmbedder } from './lsa';
export { OpenAIEmbedder } from './openai';

/** OpenAI embeddings when an API key is configured, else the local, deterministic LSA embedder. */
export function createEmbedder(
  config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_EMBEDDING_MODEL' | 'OPENAI_BASE_URL'> & Partial<Pick<Config, 'LLM_TIMEOUT_MS'>>,
): Embedder {
  if (config.OPENAI_API_KEY) {
    return new OpenAIEmbedder({
      apiKey: config.OPENAI_API_KEY,
      model: config.OPENAI_EMBEDDING_MODEL,
      baseURL: config.OPENAI_BASE_URL,
      timeoutMs: config.LLM_TIMEOUT_MS,
    });
  }
  return new LsaEmbedder();
}
