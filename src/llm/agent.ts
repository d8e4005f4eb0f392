/**
 * A small explicit tool-calling loop (bindTools → call tools → feed results back), bounded in steps.
 * Explicit rather than a prebuilt agent because the advisor needs exact control over what each
 * step streams, which tool outputs are recorded for verification, and how failures surface.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { ToolInputParsingException, type StructuredToolInterface } from '@langchain/core/tools';
import type { AgentSession } from './session';
import { ToolArgumentError } from './tools';

export interface Usage {
  input: number;
  output: number;
  total: number;
}

export interface AgentRunOptions {
  model: BaseChatModel;
  tools: StructuredToolInterface[];
  messages: BaseMessage[];
  session: AgentSession;
  signal: AbortSignal;
  /** Model calls at most; the last one may not call tools, so it has to answer. */
  maxSteps?: number;
  /** Streaming: text deltas of the current step, in order. */
  onToken?: (delta: string) => void;
  /** Streaming: a new model call begins (text of a previous step that ended in tool calls is void). */
  onStep?: (step: number) => void;
}

export interface AgentRun {
  text: string;
  steps: number;
  usage: Usage;
}

export class AgentStepsError extends Error {
  constructor(steps: number) {
    super(`the model gave no final answer within ${steps} steps`);
    this.name = 'AgentStepsError';
  }
}

async function callOnce(
  runnable: { invoke: BaseChatModel['invoke']; stream: BaseChatModel['stream'] },
  messages: BaseMessage[],
  signal: AbortSignal,
  onToken?: (delta: string) => void,
): Promise<AIMessageChunk> {
  if (!onToken) return (await runnable.invoke(messages, { signal })) as AIMessageChunk;
  let acc: AIMessageChunk | undefined;
  const stream = await runnable.stream(messages, { signal });
  for await (const chunk of stream) {
    acc = acc ? acc.concat(chunk) : chunk;
    const delta = typeof chunk.content === 'string' ? chunk.content : chunk.text;
    if (delta) onToken(delta);
  }
  if (!acc) throw new Error('the model sent an empty stream');
  // Streamed tool arguments are parsed leniently by LangChain (a cut-off `{"query": "飞` becomes
  // {query: '飞'}); the complete argument text must be strict JSON like a non-streamed reply.
  for (const c of acc.tool_call_chunks ?? []) {
    try {
      JSON.parse(c.args || '{}');
    } catch {
      throw new ToolArgumentError(`malformed arguments for tool ${c.name ?? '?'}: not valid JSON`);
    }
  }
  return acc;
}

export async function runAgent(o: AgentRunOptions): Promise<AgentRun> {
  const maxSteps = o.maxSteps ?? 5;
  const model = o.model as BaseChatModel & { bindTools: NonNullable<BaseChatModel['bindTools']> };
  const withTools = model.bindTools(o.tools);
  const answerNow = model.bindTools(o.tools, { tool_choice: 'none' } as never);
  const usage: Usage = { input: 0, output: 0, total: 0 };
  const messages = [...o.messages];

  for (let step = 1; step <= maxSteps; step++) {
    o.signal.throwIfAborted();
    o.onStep?.(step);
    const msg = await callOnce((step === maxSteps ? answerNow : withTools) as never, messages, o.signal, o.onToken);
    const u = msg.usage_metadata;
    if (u) {
      usage.input += u.input_tokens ?? 0;
      usage.output += u.output_tokens ?? 0;
      usage.total += u.total_tokens ?? 0;
    }
    messages.push(msg);

    if (msg.invalid_tool_calls?.length) {
      const bad = msg.invalid_tool_calls[0];
      throw new ToolArgumentError(`malformed arguments for tool ${bad.name ?? '?'}: ${bad.error ?? 'not valid JSON'}`);
    }
    const calls = msg.tool_calls ?? [];
    if (calls.length === 0) return { text: msg.text, steps: step, usage };

    for (const call of calls) {
      const t = o.tools.find((x) => x.name === call.name);
      let content: string;
      if (!t) {
        o.session.badArguments++;
        content = `ERROR: there is no tool named ${call.name}; available: ${o.tools.map((x) => x.name).join(', ')}`;
      } else {
        try {
          content = String(await t.invoke(call.args, { signal: o.signal }));
        } catch (e) {
          if (!(e instanceof ToolInputParsingException)) throw e;
          o.session.badArguments++;
          content = `ERROR: the arguments do not match the tool's schema: ${e.message}`;
        }
      }
      if (o.session.badArguments >= 2) throw new ToolArgumentError(`arguments for ${call.name} repeatedly invalid`);
      messages.push(new ToolMessage({ content, tool_call_id: call.id ?? '', name: call.name }));
    }
  }
  throw new AgentStepsError(maxSteps);
}
