/**
 * A local OpenAI-compatible HTTP server for contract tests: `/v1/chat/completions` (JSON and SSE
 * streaming, scripted tool calls and completions, injected errors and hangs). The advisor's real
 * ChatOpenAI/openai client code talks to it over HTTP on 127.0.0.1, port 0.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { splitSentences } from '../src/corpus/sentences';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string | null | unknown[]; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: Record<string, unknown> } }[];
  tool_choice?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

export type Reply =
  | {
      content?: string;
      toolCalls?: { name: string; arguments: string }[];
      usage?: { prompt_tokens: number; completion_tokens: number };
      /** Streaming: pause between content deltas (a slow model). */
      pieceDelayMs?: number;
      /** Streaming: after this many content characters the connection drops (`'drop'`) or goes silent (`'hang'`). */
      failAfter?: { chars: number; how: 'drop' | 'hang' };
    }
  | { status: number; body?: unknown }
  | { hang: true };

/** Decides the reply to the n-th chat request (0-based). */
export type Script = (req: ChatRequest, n: number) => Reply;

/** `/v1/embeddings`: vectors for the inputs, or 'hang' (never answers). Without one: 404. */
export type EmbeddingScript = (input: string | string[]) => number[][] | 'hang';

export interface Stub {
  baseURL: string;
  requests: ChatRequest[];
  authHeaders: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** Splits text into small pieces so a stream carries many deltas. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startStub(script: Script, embeddings?: EmbeddingScript): Promise<Stub> {
  const requests: ChatRequest[] = [];
  const authHeaders: string[] = [];
  const server: Server = createServer(async (req, res) => {
    if (req.method === 'POST' && embeddings && req.url?.endsWith('/embeddings')) {
      const body = JSON.parse(await readBody(req)) as { input: string | string[]; encoding_format?: string };
      const vectors = embeddings(body.input);
      if (vectors === 'hang') return;
      // The openai client asks for base64 unless told otherwise.
      const enc = (v: number[]) => (body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(v).buffer).toString('base64') : v);
      return sendJson(res, 200, { object: 'list', model: 'stub-embed', data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: enc(v) })), usage: { prompt_tokens: 1, total_tokens: 1 } });
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) return sendJson(res, 404, { error: { message: 'not found' } });
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    const n = requests.length;
    requests.push(body);
    authHeaders.push(String(req.headers.authorization ?? ''));
    const reply = script(body, n);
    if ('hang' in reply) return; // never answers: the client's deadline must fire
    if ('status' in reply) {
      return sendJson(res, reply.status, reply.body ?? { error: { message: `injected ${reply.status}`, type: 'server_error', code: null } });
    }
    const id = `chatcmpl-${n}`;
    const created = Math.floor(Date.now() / 1000);
    const usage = reply.usage ?? { prompt_tokens: 100 + n, completion_tokens: 20 + n };
    const toolCalls = (reply.toolCalls ?? []).map((t, i) => ({ id: `call_${n}_${i}`, type: 'function', function: { name: t.name, arguments: t.arguments } }));
    const finish = toolCalls.length ? 'tool_calls' : 'stop';
    if (!body.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, finish_reason: finish }],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null, extra: Record<string, unknown> = {}) =>
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason }], ...extra })}\n\n`);
    chunk({ role: 'assistant', content: '' });
    let sent = 0;
    for (const p of pieces(reply.content ?? '', 3)) {
      if (reply.failAfter && sent >= reply.failAfter.chars) {
        if (reply.failAfter.how === 'drop') res.destroy();
        return; // 'hang': the connection stays open and silent until the client gives up
      }
      chunk({ content: p });
      sent += p.length;
      await new Promise((r) => (reply.pieceDelayMs ? setTimeout(r, reply.pieceDelayMs) : setImmediate(r)));
    }
    toolCalls.forEach((t, i) => {
      chunk({ tool_calls: [{ index: i, id: t.id, type: 'function', function: { name: t.function.name, arguments: '' } }] });
      for (const p of pieces(t.function.arguments, 7)) chunk({ tool_calls: [{ index: i, function: { arguments: p } }] });
    });
    chunk({}, finish);
    if (body.stream_options?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`);
    }
    res.write('data: [DONE]\n\n');
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    authHeaders,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The passages the advisor sent back to the model in tool messages, by number. */
export function passagesIn(req: ChatRequest): Map<number, { source: string; text: string }> {
  const out = new Map<number, { source: string; text: string }>();
  for (const m of req.messages) {
    if (m.role !== 'tool' || typeof m.content !== 'string') continue;
    for (const p of m.content.matchAll(/<passage n="(\d+)" source="([^"]*)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)) {
      out.set(Number(p[1]), { source: p[2], text: p[3] });
    }
  }
  return out;
}

/** The last tool message's content (a calculator's JSON output, or an ERROR line). */
export function lastToolOutput(req: ChatRequest): string {
  const tools = req.messages.filter((m) => m.role === 'tool');
  return String(tools[tools.length - 1]?.content ?? '');
}

/** Verbatim sentences of the passages the advisor sent, each cited as `[n]`: what a well-behaved model answers. */
export function citedSentences(req: ChatRequest): string[] {
  const out: string[] = [];
  for (const [n, p] of passagesIn(req)) {
    for (const s of splitSentences(p.text)) {
      const text = s.text.trim();
      if (text.length < 15 || !text.endsWith('。') || /[#\[\]*|【】]/.test(text)) continue;
      out.push(`${text}[${n}]`);
    }
  }
  return out;
}
