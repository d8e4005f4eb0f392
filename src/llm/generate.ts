/**
 * A plain text generation call to the configured OpenAI-compatible model (LangChain ChatOpenAI), for
 * offline jobs such as `npm run enrich`; never used at question time.
 */
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { createChatModel } from './model';
import type { Generate } from '../knowledge/enrich';
import type { LlmConfig } from './model';

export function createGenerator(config: LlmConfig): Generate {
  if (!config.OPENAI_API_KEY) throw new Error('enrich needs an LLM: set OPENAI_API_KEY (and OPENAI_BASE_URL / OPENAI_MODEL for another server)');
  // A batch job: a slow answer is fine, a hung one is not; a failed call may be retried.
  const model = createChatModel(config, { temperature: 0.3, maxRetries: 2, timeoutMs: Math.max(config.LLM_TIMEOUT_MS, 60_000) });
  return async (system, user) => {
    const reply = await model.invoke([new SystemMessage(system), new HumanMessage(user)]);
    return typeof reply.content === 'string' ? reply.content : reply.content.map((p) => ('text' in p ? p.text : '')).join('');
  };
}
