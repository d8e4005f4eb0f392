import { GrammyError, InlineKeyboard, type Context } from 'grammy';
import type { Reply } from '../chat/types';
import { renderHtml, splitHtml, TELEGRAM_LIMIT } from './html';

export function keyboardOf(reply: Reply): InlineKeyboard | undefined {
  if (!reply.buttons?.length) return undefined;
  return InlineKeyboard.from(reply.buttons.map((row) => row.map((b) => InlineKeyboard.text(b.label, b.action))));
}

/** Sends a reply as one or more HTML messages; the buttons go under the last one. */
export async function sendReply(ctx: Context, reply: Reply): Promise<void> {
  const pieces = splitHtml(renderHtml(reply));
  const kb = keyboardOf(reply);
  for (let i = 0; i < pieces.length; i++) {
    await ctx.reply(pieces[i], {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === pieces.length - 1 && kb ? { reply_markup: kb } : {}),
    });
  }
}

/** Telegram's answer to an edit that changes nothing: harmless. */
export function notModified(e: unknown): boolean {
  return e instanceof GrammyError && /message is not modified/i.test(e.description);
}

/**
 * Replaces the message a button belongs to (the sources button). When the new text does not fit
 * one message, the old one loses its buttons and the reply follows as new messages.
 */
export async function editReply(ctx: Context, reply: Reply): Promise<void> {
  const html = renderHtml(reply);
  const kb = keyboardOf(reply);
  if (html.length <= TELEGRAM_LIMIT && ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(kb ? { reply_markup: kb } : {}) });
    } catch (e) {
      if (!notModified(e)) throw e;
    }
    return;
  }
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageReplyMarkup({ reply_markup: undefined });
    } catch (e) {
      if (!notModified(e)) throw e;
    }
  }
  await sendReply(ctx, reply);
}
