/**
 * Why the LLM path gave up, and the one-line note the user sees above the offline answer.
 * Messages never include the API key or the server's raw error body.
 */
import { AgentStepsError } from './agent';
import { ToolArgumentError } from './tools';

export type FailureKind = 'timeout' | 'rate-limit' | 'server' | 'auth' | 'model-not-found' | 'bad-tool-args' | 'unverified' | 'steps' | 'network' | 'other';

export class LlmTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from the language model within ${ms} ms`);
    this.name = 'LlmTimeoutError';
  }
}

export function classifyFailure(e: unknown): FailureKind {
  if (e instanceof LlmTimeoutError) return 'timeout';
  if (e instanceof ToolArgumentError) return 'bad-tool-args';
  if (e instanceof AgentStepsError) return 'steps';
  const err = e as { status?: number; name?: string; code?: string; message?: string; cause?: unknown } | undefined;
  const status = typeof err?.status === 'number' ? err.status : undefined;
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate-limit';
  if (status === 404) return 'model-not-found';
  if (status !== undefined && status >= 500) return 'server';
  const name = err?.name ?? '';
  if (/Timeout|Abort/i.test(name)) return 'timeout';
  if (/Connection|ECONNREFUSED|ENOTFOUND|fetch failed/i.test(`${name} ${err?.code ?? ''} ${err?.message ?? ''}`)) return 'network';
  return 'other';
}

const NOTES: Record<FailureKind, { zh: string; en: string }> = {
  timeout: { zh: '大模型未能在时限内回答，以下为离线检索答案。', en: 'The language model did not answer in time; this is the offline answer.' },
  'rate-limit': { zh: '大模型服务限流（429），以下为离线检索答案。', en: 'The language model is rate-limited (429); this is the offline answer.' },
  server: { zh: '大模型服务出错（5xx），以下为离线检索答案。', en: 'The language model server failed (5xx); this is the offline answer.' },
  auth: { zh: '大模型密钥无效（401），以下为离线检索答案；请检查 OPENAI_API_KEY。', en: 'The language model rejected the API key (401); this is the offline answer. Check OPENAI_API_KEY.' },
  'model-not-found': { zh: '找不到所配置的模型，以下为离线检索答案；请检查 OPENAI_MODEL。', en: 'The configured model was not found; this is the offline answer. Check OPENAI_MODEL.' },
  'bad-tool-args': { zh: '大模型给出了无法解析的工具参数，以下为离线检索答案。', en: 'The language model sent malformed tool arguments; this is the offline answer.' },
  unverified: { zh: '大模型答案的引用未通过核对，以下为离线检索答案。', en: "The language model's citations could not be verified; this is the offline answer." },
  steps: { zh: '大模型未能在限定步数内完成回答，以下为离线检索答案。', en: 'The language model did not finish within its step limit; this is the offline answer.' },
  network: { zh: '无法连接大模型服务，以下为离线检索答案。', en: 'Could not reach the language model server; this is the offline answer.' },
  other: { zh: '大模型调用失败，以下为离线检索答案。', en: 'The language model call failed; this is the offline answer.' },
};

export function failureNote(kind: FailureKind, lang: 'zh' | 'en'): string {
  return NOTES[kind][lang];
}

export function droppedNote(count: number, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `已略去 ${count} 句无法与资料核对的内容。` : `${count} sentence(s) that could not be checked against the sources were left out.`;
}

export function refusalText(lang: 'zh' | 'en'): string {
  return lang === 'zh'
    ? '抱歉，我不能透露内部指令。我只回答与飞地经济资料相关的问题，例如：“飞地经济的收益如何分配？”'
    : 'Sorry, I cannot share my internal instructions. I only answer questions about the enclave-economy papers, e.g. "How are enclave tax revenues shared?"';
}
