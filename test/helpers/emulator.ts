/**
 * The `telegram-test-api` emulator, extended where it lacks what the bot uses:
 * - getUpdates long-polls (the stock route answers at once, which would make a runner spin);
 * - setMyCommands, sendChatAction, answerInlineQuery, setWebhook with a secret (recorded for asserts);
 * - inline queries can be sent as updates (the stock client only has messages and callbacks);
 * - sendPhoto and sendDocument (multipart uploads): stored as bot messages with the file's bytes.
 * Plus small helpers to send messages, press buttons and wait for the bot's replies.
 */
import { createServer } from 'node:net';
import TelegramServer from 'telegram-test-api';

export const TEST_TOKEN = '123456789:TEST_token_for_the_emulator_0123456789';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface BotMessage {
  messageId: number;
  chatId: number;
  text: string;
  parseMode?: string;
  buttons: Array<{ text: string; callback_data: string }>;
  raw: any;
  /** sendPhoto / sendDocument: the uploaded file and its caption. */
  file?: { kind: 'photo' | 'document'; name: string; bytes: Buffer };
  caption?: string;
}

export interface UserOptions {
  userId: number;
  chatId?: number;
  languageCode?: string;
  type?: 'private' | 'group' | 'supergroup';
}

export class Emulator {
  /** Recorded calls with their arrival time (ms), e.g. to check how edits are paced. */
  readonly calls: Array<{ method: string; body: any; at: number }> = [];
  readonly webhookStatuses: number[] = [];
  private constructor(
    readonly server: any,
    readonly apiRoot: string,
  ) {}

  static async start(fixedPort?: number): Promise<Emulator> {
    const port = fixedPort ?? (await freePort());
    const server = new (TelegramServer as any)({ port, host: '127.0.0.1', storeTimeout: 600 });
    const emu = new Emulator(server, `http://127.0.0.1:${port}`);
    emu.extend();
    await server.start();
    return emu;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** Inserts extra routes ahead of the emulator's own (its catch-all would answer "not supported"). */
  private extend(): void {
    const app = this.server.webServer;
    const stack: any[] = app._router.stack;
    const before = stack.length;
    const record = (method: string) => (req: any, res: any) => {
      this.calls.push({ method, body: req.body, at: Date.now() });
      res.json({ ok: true, result: true });
    };
    app.all('/bot:token/setMyCommands', record('setMyCommands'));
    app.all('/bot:token/sendChatAction', record('sendChatAction'));
    app.all('/bot:token/answerInlineQuery', record('answerInlineQuery'));
    app.all('/bot:token/answerCallbackQuery', record('answerCallbackQuery'));
    // Files users send (sendUserFile): getFile, then the download URL `/file/bot<token>/<file_path>`.
    app.all('/bot:token/getFile', (req: any, res: any) => {
      const id = String({ ...req.query, ...req.body }.file_id ?? '');
      const f = this.userFiles.get(id);
      this.calls.push({ method: 'getFile', body: { file_id: id }, at: Date.now() });
      if (!f) res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
      else res.json({ ok: true, result: { file_id: id, file_unique_id: `u${id}`, file_size: f.bytes.length, file_path: `documents/${id}` } });
    });
    app.get('/file/bot:token/documents/:id', (req: any, res: any) => {
      const f = this.userFiles.get(req.params.id);
      if (!f) res.status(404).end();
      else res.type('application/octet-stream').send(f.bytes);
    });
    app.all('/bot:token/sendPhoto', this.upload('sendPhoto', 'photo'));
    app.all('/bot:token/sendDocument', this.upload('sendDocument', 'document'));
    app.all('/bot:token/editMessageText', (req: any, res: any, next: any) => {
      this.calls.push({ method: 'editMessageText', body: req.body, at: Date.now() });
      next();
    });
    // Telegram's semantics: an update stays pending until a later call confirms it with `offset`,
    // so a poll aborted by a stopping bot loses nothing (the stock route marks updates read at once).
    app.all('/bot:token/getUpdates', async (req: any, res: any) => {
      const token = req.params.token;
      const params = { ...req.query, ...req.body };
      const offset = Number(params.offset ?? 0);
      const timeoutS = Number(params.timeout ?? 0);
      const deadline = Date.now() + Math.min(timeoutS, 1) * 1000;
      let closed = false;
      res.on('close', () => (closed = true));
      const T = this.server.constructor as any;
      const pending = () => {
        const mine = this.server.storage.userMessages.filter((u: any) => u.botToken === token && !u.isRead);
        for (const u of mine) if (u.updateId < offset) u.isRead = true;
        return mine.filter((u: any) => u.updateId >= offset).map((u: any) => T.formatUpdate(u));
      };
      let updates = pending();
      while (!updates.length && Date.now() < deadline && !closed) {
        await new Promise((r) => setTimeout(r, 20));
        updates = pending();
      }
      if (!closed) res.json({ ok: true, result: updates });
    });
    // Webhook delivery with the secret token header, as Telegram sends it (the stock one sends none).
    this.server.addUserUpdate = async (update: any) => {
      const webhook = this.server.webhooks[update.botToken];
      if (!webhook) {
        this.server.storage.userMessages.push(update);
      } else {
        const T = this.server.constructor as any;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (webhook.secret_token) headers['x-telegram-bot-api-secret-token'] = webhook.secret_token;
        const res = await fetch(webhook.url, { method: 'POST', headers, body: JSON.stringify(T.formatUpdate(update)) });
        this.webhookStatuses.push(res.status);
      }
      this.server.updateId++;
    };
    const added = stack.splice(before, stack.length - before);
    const firstRoute = stack.findIndex((l) => l.route);
    stack.splice(firstRoute, 0, ...added);
  }

  /**
   * A file upload as grammY sends it: multipart/form-data whose file field says `attach://<part>`
   * (or a file_id/URL string, kept as is). The message is stored like a sent text, with the bytes.
   */
  private upload(method: 'sendPhoto' | 'sendDocument', field: 'photo' | 'document') {
    return async (req: any, res: any) => {
      const type = String(req.headers['content-type'] ?? '');
      const fields: Record<string, unknown> = { ...req.query, ...(typeof req.body === 'object' ? req.body : {}) };
      const parts = new Map<string, { name: string; bytes: Buffer }>();
      if (type.startsWith('multipart/form-data')) {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        for (const part of parseMultipart(Buffer.concat(chunks), type)) {
          if (part.filename === undefined) fields[part.name] = part.body.toString('utf8');
          else parts.set(part.name, { name: part.filename, bytes: part.body });
        }
      }
      this.calls.push({ method, body: fields, at: Date.now() });
      const ref = String(fields[field] ?? '');
      const part = parts.get(ref.replace(/^attach:\/\//, '')) ?? parts.get(field);
      if (!fields.chat_id || !part) {
        res.status(400).json({ ok: false, error_code: 400, description: `Bad Request: there is no ${field} in the request` });
        return;
      }
      const stored = this.server.addBotMessage({ ...fields, [field]: { file_name: part.name, file_size: part.bytes.length } }, req.params.token);
      this.files.set(stored.message_id, { kind: field, ...part });
      const fileInfo = { file_id: `f${stored.message_id}`, file_unique_id: `u${stored.message_id}`, file_size: part.bytes.length };
      res.json({ ok: true, result: { ...stored, [field]: field === 'photo' ? [{ ...fileInfo, width: 0, height: 0 }] : { ...fileInfo, file_name: part.name } } });
    };
  }

  private readonly files = new Map<number, { kind: 'photo' | 'document'; name: string; bytes: Buffer }>();

  private common(u: UserOptions) {
    const chatId = u.chatId ?? u.userId;
    return {
      botToken: TEST_TOKEN,
      date: Math.floor(Date.now() / 1000),
      from: { id: u.userId, is_bot: false, first_name: `User${u.userId}`, username: `user${u.userId}`, ...(u.languageCode ? { language_code: u.languageCode } : {}) },
      chat: { id: chatId, type: u.type ?? 'private', ...(u.type && u.type !== 'private' ? { title: 'Group' } : { first_name: `User${u.userId}` }) },
    };
  }

  /** A user types a message (a command when it starts with `/`). Extra entities (mentions) may be given. */
  async send(u: UserOptions, text: string, extra: Record<string, unknown> = {}): Promise<void> {
    const message: any = { ...this.common(u), text, ...extra };
    if (text.startsWith('/')) {
      const len = text.includes(' ') ? text.indexOf(' ') : text.length;
      message.entities = [{ offset: 0, length: len, type: 'bot_command' }, ...((extra.entities as any[]) ?? [])];
      await this.server.addUserCommand(message);
    } else await this.server.addUserMessage(message);
  }

  private readonly userFiles = new Map<string, { name: string; bytes: Buffer }>();

  /** A user sends a file (a document message); the bot fetches it with getFile and the file URL. */
  async sendUserFile(u: UserOptions, file: { name: string; bytes: Buffer; mimeType?: string; caption?: string }): Promise<void> {
    const id = `doc${this.userFiles.size + 1}_${Date.now().toString(36)}`;
    this.userFiles.set(id, { name: file.name, bytes: file.bytes });
    const document = { file_id: id, file_unique_id: `u${id}`, file_name: file.name, file_size: file.bytes.length, ...(file.mimeType ? { mime_type: file.mimeType } : {}) };
    await this.server.addUserMessage({ ...this.common(u), document, ...(file.caption ? { caption: file.caption } : {}) });
  }

  /** A user presses an inline button under one of the bot's messages. */
  async press(u: UserOptions, msg: BotMessage, data: string): Promise<void> {
    const c = this.common(u);
    await this.server.addUserCallback({
      botToken: TEST_TOKEN,
      from: c.from,
      data,
      message: { message_id: msg.messageId, chat: c.chat, date: c.date, text: msg.text, from: { id: 666, is_bot: true, first_name: 'Bot' } },
    });
  }

  /** An inline query (`@bot …` typed in any chat); the stock emulator has no client call for it. */
  async inlineQuery(u: UserOptions, query: string): Promise<void> {
    const c = this.common(u);
    this.server.storage.userMessages.push({
      time: Date.now(),
      botToken: TEST_TOKEN,
      updateId: this.server.updateId,
      messageId: this.server.messageId,
      isRead: false,
      // formatUpdate() knows only messages and callbacks: give it a pre-formatted update.
      message: undefined,
      inline: { id: `iq${this.server.updateId}`, from: c.from, query, offset: '', chat_type: 'private' },
    });
    this.server.updateId++;
  }

  /** Everything the bot has sent to a chat, in order (edits applied). */
  botMessages(chatId: number): BotMessage[] {
    return this.server.storage.botMessages
      .filter((m: any) => String(m.message.chat_id) === String(chatId))
      .map((m: any) => ({
        messageId: m.messageId,
        chatId,
        text: String(m.message.text ?? ''),
        parseMode: m.message.parse_mode,
        buttons: ((m.message.reply_markup?.inline_keyboard ?? []) as any[]).flat(),
        raw: m.message,
        ...(this.files.has(m.messageId) ? { file: this.files.get(m.messageId), caption: m.message.caption } : {}),
      }));
  }

  /** Waits until the chat has more than `after` bot messages and the newest satisfy `done`. */
  async waitFor(chatId: number, after: number, done: (msgs: BotMessage[]) => boolean = (m) => m.length > 0, timeoutMs = 20_000): Promise<BotMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fresh = this.botMessages(chatId).slice(after);
      if (fresh.length && done(fresh)) {
        // Give a multi-part reply a moment to finish arriving.
        await new Promise((r) => setTimeout(r, 150));
        const settled = this.botMessages(chatId).slice(after);
        if (settled.length === fresh.length) return settled;
        continue;
      }
      if (Date.now() > deadline) throw new Error(`no reply in chat ${chatId} after ${timeoutMs} ms; last: ${JSON.stringify(this.botMessages(chatId).slice(-2).map((m) => m.text))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Sends and waits for the reply (all its parts). */
  async ask(u: UserOptions, text: string, done?: (msgs: BotMessage[]) => boolean): Promise<BotMessage[]> {
    const chatId = u.chatId ?? u.userId;
    const n = this.botMessages(chatId).length;
    await this.send(u, text);
    return this.waitFor(chatId, n, done);
  }
}

/**
 * A multipart/form-data body split into its parts. grammY writes headers as Telegram accepts them
 * (`content-disposition:form-data;name="x";filename=chart.png`: no space, unquoted file name),
 * which the WHATWG FormData parser refuses, hence this small one.
 */
export function parseMultipart(body: Buffer, contentType: string): Array<{ name: string; filename?: string; body: Buffer }> {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ name: string; filename?: string; body: Buffer }> = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const chunk = body.subarray(start + delimiter.length + 2, next - 2); // after CRLF, before CRLF
    const split = chunk.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = chunk.subarray(0, split).toString('utf8');
      const name = /(?:^|[;:\s])name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(headers);
      if (name !== undefined) parts.push({ name, filename: filename ? (filename[1] ?? filename[2]).trim() : undefined, body: Buffer.from(chunk.subarray(split + 4)) });
    }
    start = next;
  }
  return parts;
}

/** Patches the emulator's update formatter so pushed inline queries come out as `inline_query` updates. */
export function enableInlineQueries(): void {
  const T = TelegramServer as any;
  const original = T.formatUpdate;
  if (original.__patched) return;
  T.formatUpdate = (update: any) => (update.inline ? { update_id: update.updateId, inline_query: update.inline } : original(update));
  T.formatUpdate.__patched = true;
}
