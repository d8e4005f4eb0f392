/**
 * Streaming answers into Telegram. When the advisor streams (the LLM advisor), the first verified
 * text is sent as a message at once, that message is edited as the answer grows, and the complete
 * answer (citations, buttons) finally replaces it. Advisors that do not stream never touch this:
 * no partial arrives, nothing is sent here, and the reply goes out as before.
 *
 * Pacing: Telegram allows about one message or edit per second in a chat, about 20 a minute in a
 * group (faster bursts get 429),
 * so every call a stream makes in a chat waits for that chat's slot (ChatPacer, shared by the whole
 * bot). While a call waits or runs, newer partials only replace the text waiting to go out; an
 * edit whose text equals what is shown is skipped. The final answer supersedes any partial edit
 * still waiting. 429s that slip through are left to the auto-retry transformer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'grammy';
import type { Reply } from '../chat/types';
import { renderHtml, splitHtml, TELEGRAM_LIMIT } from './html';
import { keyboardOf, notModified, sendReply } from './send';


export const DEFAULT_STREAM_INTERVAL_MS = 1200;
/** Groups get about 20 bot messages a minute, edits included: one every 3 s. */
export const GROUP_STREAM_INTERVAL_MS = 3000;

/** Shown after the text while the answer is still growing. */
const GROWING = ' …';

type ChatId = number | string;
/** grammY types its signal parameter with the abort-controller shim; Node's is the same at run time. */
type ApiSignal = Parameters<Context['api']['editMessageText']>[4];

/** The earliest time the next streaming call in each chat may go out; shared by all streams of a bot. */
export class ChatPacer {
  private readonly last = new Map<ChatId, number>();

  constructor(
    readonly intervalMs: number = DEFAULT_STREAM_INTERVAL_MS,
    private readonly now: () => number = Date.now,
    /** Group and channel chats have negative ids. */
    readonly groupIntervalMs: number = Math.max(intervalMs, GROUP_STREAM_INTERVAL_MS),
  ) {}

  intervalFor(chatId: ChatId): number {
    return Number(chatId) < 0 ? this.groupIntervalMs : this.intervalMs;
  }

  /** Resolves when the chat's slot is free and claims it (the caller then makes its call at once). */
  async wait(chatId: ChatId, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const due = (this.last.get(chatId) ?? -Infinity) + this.intervalFor(chatId) - this.now();
      if (due <= 0) {
        this.last.set(chatId, this.now());
        this.prune();
        return;
      }
      // Re-checked after the sleep: another stream in the same chat may have taken the slot.
      // Rejects with the caller's own abort reason, not timers/promises' generic AbortError.
      await sleep(due, undefined, { signal }).catch((e: unknown) => {
        throw signal?.aborted ? signal.reason : e;
      });
    }
  }

  private prune(): void {
    if (this.last.size < 10_000) return;
    const old = this.now() - this.groupIntervalMs;
    for (const [k, at] of this.last) if (at < old) this.last.delete(k);
  }
}

/** The growing answer as Telegram HTML: its paragraphs, a "still growing" mark, within one message. */
export function partialHtml(text: string): string {
  const paras = text
    .split(/\n{2,}/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!paras.length) return '';
  const html = renderHtml({ blocks: paras.map((p) => ({ kind: 'p' as const, parts: [p] })) }) + GROWING;
  // Past one message the rest waits for the final answer, which is split properly.
  return html.length <= TELEGRAM_LIMIT ? html : splitHtml(html)[0];
}

export interface StreamLog {
  warn(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

const HTML = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };

/**
 * One streamed answer in one chat. `onPartial` is handed to the advisor (it must not block);
 * `finish` delivers the final reply; `abandon` removes a half answer when the turn failed.
 */
export class AnswerStream {
  /** Edits made to the streamed message (partials and the final one); for logs and tests. */
  edits = 0;
  private messageId: number | undefined;
  private pending = '';
  private shown = '';
  private pump: Promise<void> | undefined;
  private pumping = false;
  private begun = false;
  private closed = false;
  private broken = false;
  private readonly stop = new AbortController();

  constructor(
    private readonly ctx: Context,
    private readonly pacer: ChatPacer,
    private readonly log?: StreamLog,
  ) {}

  private get chatId(): number {
    return this.ctx.chat!.id;
  }

  /** Whether anything was shown (or is on its way): the final reply must then replace it. */
  get started(): boolean {
    return this.begun;
  }

  readonly onPartial = (text: string): void => {
    if (this.closed || this.broken || !this.ctx.chat) return;
    const html = partialHtml(text);
    if (!html) return;
    this.pending = html;
    this.begun = true;
    if (!this.pumping) {
      this.pumping = true;
      this.pump = this.run();
    }
  };

  /** Sends or edits until what is shown is the latest partial; one call at a time, paced. */
  private async run(): Promise<void> {
    try {
      while (!this.closed && this.pending !== this.shown) {
        await this.pacer.wait(this.chatId, this.stop.signal);
        if (this.closed) break;
        const html = this.pending;
        if (this.messageId === undefined) {
          // Not abortable: once Telegram has the message, its id must be known to replace it.
          const msg = await this.ctx.reply(html, HTML);
          this.messageId = msg.message_id;
        } else {
          try {
            await this.ctx.api.editMessageText(this.chatId, this.messageId, html, HTML, this.stop.signal as ApiSignal);
            this.edits++;
          } catch (e) {
            if (!notModified(e)) throw e;
          }
        }
        this.shown = html;
      }
    } catch (e) {
      if (this.closed) return; // superseded by the final answer (the finally still runs)
      this.broken = true;
      this.log?.warn({ event: 'stream_edit_failed', error: e instanceof Error ? e.message : String(e) }, 'streaming edit failed');
    } finally {
      // Synchronously with the loop's last check, so a partial arriving later starts a new run.
      this.pumping = false;
    }
  }

  /** Stops partial edits: the one waiting is dropped, one in flight is cancelled. */
  private async close(): Promise<void> {
    this.closed = true;
    this.stop.abort(new Error('superseded'));
    await this.pump?.catch(() => undefined);
  }

  /**
   * The final answer: replaces the streamed text (first piece, keyboard when it is the only one),
   * the rest follows as new messages with the keyboard under the last. Without a streamed message
   * it is simply sent.
   */
  async finish(reply: Reply): Promise<void> {
    await this.close();
    const pieces = splitHtml(renderHtml(reply));
    const kb = keyboardOf(reply);
    if (this.messageId === undefined || !pieces.length) {
      await this.discard();
      // A stream that never got its message out still counts against the chat's pace.
      if (this.begun) await this.pacer.wait(this.chatId);
      await sendReply(this.ctx, reply);
      return;
    }
    try {
      await this.pacer.wait(this.chatId);
      await this.ctx.api.editMessageText(this.chatId, this.messageId, pieces[0], { ...HTML, ...(pieces.length === 1 && kb ? { reply_markup: kb } : {}) });
      this.edits++;
    } catch (e) {
      if (!notModified(e)) {
        // The streamed message cannot be replaced (deleted by the user, too old…): send it anew.
        this.log?.warn({ event: 'stream_final_edit_failed', error: e instanceof Error ? e.message : String(e) }, 'final streaming edit failed');
        await this.discard();
        await sendReply(this.ctx, reply);
        return;
      }
    }
    for (let i = 1; i < pieces.length; i++) {
      await this.ctx.reply(pieces[i], { ...HTML, ...(i === pieces.length - 1 && kb ? { reply_markup: kb } : {}) });
    }
  }

  /** The turn failed after partials were shown: remove the half answer (best effort). */
  async abandon(): Promise<void> {
    await this.close();
    await this.discard();
  }

  private async discard(): Promise<void> {
    if (this.messageId === undefined) return;
    const id = this.messageId;
    this.messageId = undefined;
    await this.ctx.api.deleteMessage(this.chatId, id).catch(() => undefined);
  }
}
