/** The one place the OpenAI-compatible chat model is configured (LangChain ChatOpenAI). */
import { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../config';

export type LlmConfig = Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'LLM_TIMEOUT_MS'>;

export function createChatModel(config: LlmConfig, opts: { temperature: number; maxRetries: number; timeoutMs: number; streamUsage?: boolean }): ChatOpenAI {
  return new ChatOpenAI({
    model: config.OPENAI_MODEL,
    apiKey: config.OPENAI_API_KEY,
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
    temperature: opts.temperature,
    maxRetries: opts.maxRetries,
    timeout: opts.timeoutMs,
    ...(opts.streamUsage ? { streamUsage: true } : {}),
  });
}
