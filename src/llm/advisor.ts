/**
 * The LLM advisor: a LangChain ChatOpenAI agent over the project's own tools, whose answer is
 * verified against what the tools returned before anyone sees it. Any failure (timeout, 429, 5xx,
 * bad key, malformed tool arguments, unverifiable citations) gives the offline answer with a note.
 */
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { performance } from 'node:perf_hooks';
import { detectLang, isBlankQuestion } from '../advisor/lang';
import type { Advisor, AskOptions, AskResult } from '../advisor/types';
import { splitSentences } from '../corpus/sentences';
import type { Retriever } from '../retrieval/types';
import { toolDefinitions } from '../tools';
import { runAgent, type AgentRun } from './agent';
import { createChatModel, type LlmConfig } from './model';
import { classifyFailure, droppedNote, failureNote, LlmTimeoutError, refusalText, type FailureKind } from './failures';
import { DECLINE_MARKER, loadPrompts, type Prompts } from './prompts';
import { AgentSession } from './session';
import { buildAgentTools, neutralize, type ToolDefinition } from './tools';
import { completedPrefix, createLeakGuard, segmentAnswer, SentenceStream, verifyAnswer, type VerifyMemo, type VerifyResult } from './verify';

/** The part of a pino logger the advisor uses. */
export interface LlmLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export type { LlmConfig } from './model';

export interface LlmAdvisorOptions {
  config: LlmConfig;
  retriever: Retriever;
  /** Answers when the LLM path cannot. */
  offline: Advisor;
  /**
   * Whose shaped evidence (a list's every item, the figure sentence) the retrieve tool adds to its
   * passages, so the model gets the same candidates as the offline answer; the app passes the offline advisor.
   */
  shaper?: Advisor;
  /** The deterministic calculators; default: src/tools `toolDefinitions`. */
  tools?: readonly ToolDefinition[];
  /** A pino-like logger, or a line writer (services' LogFn): entries go out as one JSON line. */
  log?: LlmLog | ((message: string) => void);
  prompts?: Prompts;
  /** Model calls per answer at most (default 5). */
  maxSteps?: number;
  /** Passage sentence splitter for citation quotes (the corpus splitter). */
  splitSentences?: (text: string) => string[];
}

/** Receives the verified part of the answer so far, growing as tokens arrive. */
export type PartialListener = (text: string) => void;

export interface StreamingAdvisor extends Advisor {
  /** Like ask(), streaming verified text to `onPartial`; the returned result is the final answer. */
  askStream(question: string, options: AskOptions | undefined, onPartial: PartialListener): Promise<AskResult>;
  readonly model: string;
  readonly promptVersion: string;
}

/** The user's text is wrapped as data: whatever it says, it is the question, not the rules. */
export function userMessage(question: string, lang: 'zh' | 'en', context?: string): string {
  const prev = context ? `<previous_question>\n${neutralize(context)}\n</previous_question>\n` : '';
  const ask = lang === 'zh' ? '请用简体中文回答。' : 'Answer in English.';
  return `${prev}<user_question>\n${neutralize(question)}\n</user_question>\n${ask}`;
}

/** Reasoning models served through compatible APIs (DeepSeek-R1, Qwen3 on Ollama) may inline their thinking. */
export function visibleText(text: string): string {
  return text.replace(/<think>[\s\S]*?(?:<\/think>|$)/g, '');
}

/** A line writer (services' LogFn) as a logger: each entry one line, message then JSON. */
function lineLogger(write: (message: string) => void): LlmLog {
  const line = (obj: object, msg?: string) => write(`${msg ?? ''} ${JSON.stringify(obj)}`);
  return { info: line, warn: line };
}

export function createLlmAdvisor(o: LlmAdvisorOptions): StreamingAdvisor {
  const { config, offline } = o;
  const log = typeof o.log === 'function' ? lineLogger(o.log) : o.log;
  if (!config.OPENAI_API_KEY) throw new Error('createLlmAdvisor needs OPENAI_API_KEY; without it use the offline advisor');
  const prompts = o.prompts ?? loadPrompts();
  const timeoutMs = config.LLM_TIMEOUT_MS;
  const guard = { zh: createLeakGuard(prompts.system('zh'), prompts.canary), en: createLeakGuard(prompts.system('en'), prompts.canary) };
  const split = o.splitSentences ?? ((text: string) => splitSentences(text).map((s) => s.text));

  // The advisor falls back at once instead: retries with backoff would outlive LLM_TIMEOUT_MS.
  const model = createChatModel(config, { temperature: 0.2, maxRetries: 0, timeoutMs, streamUsage: true });

  async function fallback(question: string, options: AskOptions, lang: 'zh' | 'en', kind: FailureKind): Promise<AskResult> {
    const res = await offline.ask(question, options);
    return { ...res, via: 'offline', note: failureNote(kind, res.lang ?? lang) };
  }

  async function askStream(question: string, options: AskOptions = {}, onPartial?: PartialListener): Promise<AskResult> {
    const q = (question ?? '').trim();
    const lang = options.lang ?? detectLang(q);
    if (isBlankQuestion(q)) return offline.ask(question, options);

    const t0 = performance.now();
    const session = new AgentSession();
    const context = options.context?.trim() || undefined;
    const verifyCtx = () => ({
      passages: session.passages,
      toolNumbers: session.toolNumbers,
      toolsCalled: session.calculatorCalled,
      question: `${q}\n${context ?? ''}`,
      splitSentences: split,
      passageBigrams: session.passageBigrams,
    });
    const tools = buildAgentTools({ retriever: o.retriever, tools: o.tools ?? toolDefinitions, descriptions: prompts.tools, session, context, shaper: o.shaper });

    // Streaming: re-verify the completed sentences whenever one completes, and pass on what holds.
    let buffer = '';
    let shown = '';
    let verifiedPrefix = '';
    // Per model step (tools run between steps, so passages and tool numbers hold still within one):
    // the sentences segmented so far, and the judgements of sentences already verified.
    let sentences = new SentenceStream();
    let memo: VerifyMemo = new Map();
    // A reasoning model's <think> block hides text until it closes: then the whole buffer is re-read.
    let thinking = false;
    const onToken = onPartial
      ? (delta: string) => {
          buffer += delta;
          thinking ||= buffer.slice(-(delta.length + 6)).includes('<think>');
          const complete = thinking ? completedPrefix(segmentAnswer(visibleText(buffer))) : sentences.append(delta);
          // Re-verify only when a sentence has completed, not on every delta (verification is not cheap).
          if (!complete || complete === verifiedPrefix || complete.includes('[[')) return;
          verifiedPrefix = complete;
          const v = verifyAnswer(complete, { ...verifyCtx(), memo });
          if (v.text && v.text !== shown && v.text.length > shown.length && !guard[lang].leaks(v.text)) {
            shown = v.text;
            try {
              onPartial(shown);
            } catch (e) {
              // A failing listener (e.g. a Telegram edit) must not cost the answer itself.
              log?.warn({ event: 'llm_partial_listener_failed', error: e instanceof Error ? e.message : String(e) });
            }
          }
        }
      : undefined;

    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new LlmTimeoutError(timeoutMs);
        controller.abort(err);
        reject(err);
      }, timeoutMs);
    });

    let run: AgentRun | undefined;
    let verified: VerifyResult | undefined;
    let outcome: string;
    let result: AskResult;
    try {
      // The race guarantees the deadline even if some layer ignored the abort signal.
      run = await Promise.race([
        runAgent({
          model,
          tools,
          messages: [new SystemMessage(prompts.system(lang)), new HumanMessage(userMessage(q, lang, context))],
          session,
          signal: controller.signal,
          maxSteps: o.maxSteps,
          onToken,
          onStep: () => {
            buffer = '';
            sentences = new SentenceStream();
            memo = new Map();
            thinking = false;
          },
        }),
        deadline,
      ]);
      clearTimeout(timer);
      const text = visibleText(run.text).trim();
      if (guard[lang].leaks(text)) {
        outcome = 'leak-blocked';
        result = { answered: false, answer: refusalText(lang), citations: [], lang, via: 'llm' };
      } else if (text.includes(DECLINE_MARKER) || text === '') {
        outcome = 'declined';
        const res = await offline.ask(question, options);
        result = { ...res, via: 'offline' };
      } else {
        verified = verifyAnswer(text, verifyCtx());
        if (verified.status === 'failed') {
          outcome = 'unverified';
          result = await fallback(question, options, lang, 'unverified');
        } else if (verified.status === 'clarify') {
          // The model needs something from the user (e.g. the other party's share): pass its question on.
          outcome = 'clarify';
          result = { answered: false, answer: verified.text, citations: [], lang, via: 'llm' };
        } else {
          outcome = verified.status;
          result = {
            answered: true,
            answer: verified.text,
            citations: verified.citations,
            lang,
            via: 'llm',
            ...(verified.dropped.length ? { note: droppedNote(verified.dropped.length, lang) } : {}),
          };
        }
      }
    } catch (e) {
      clearTimeout(timer);
      controller.abort();
      const kind = classifyFailure(e);
      outcome = `fallback:${kind}`;
      result = await fallback(question, options, lang, kind);
    }

    const entry = {
      event: 'llm_answer',
      model: config.OPENAI_MODEL,
      promptVersion: prompts.version,
      latencyMs: Math.round(performance.now() - t0),
      outcome,
      via: result.via,
      steps: run?.steps,
      usage: run?.usage,
      tools: session.calls,
      passages: session.passages.size,
      kept: verified ? verified.claims + verified.toolSentences : undefined,
      dropped: verified?.dropped.map((d) => `${d.reason}${d.detail ? `: ${d.detail}` : ''}`),
    };
    if (outcome.startsWith('fallback') || outcome === 'unverified' || outcome === 'leak-blocked') log?.warn(entry, 'llm answer fell back');
    else log?.info(entry, 'llm answer');
    return result;
  }

  return {
    model: config.OPENAI_MODEL,
    promptVersion: prompts.version,
    ask: (question, options) => askStream(question, options, options?.onPartial),
    askStream: (question, options, onPartial) => askStream(question, options, onPartial),
  };
}
