import type { Context, SessionFlavor } from 'grammy';
import type { ConversationFlavor } from '@grammyjs/conversations';
import type { AutoChatActionFlavor } from '@grammyjs/auto-chat-action';
import type { ChatSession, Intent, Lang, Outcome } from '../chat/types';
import { langFromCode } from '../chat/i18n';

/** What the per-update log line reports; handlers fill it in. */
export interface Turn {
  intent?: Intent | 'inline' | 'other';
  outcome: Outcome;
  /** The message text with the bot's @mention removed (groups). */
  text?: string;
}

type Base = Context & SessionFlavor<ChatSession> & AutoChatActionFlavor & { turn: Turn };
export type BotContext = ConversationFlavor<Base>;

/** Language of the bot's own texts: chosen with /lang, else the user's Telegram language. */
export function langOf(ctx: Context & { session?: ChatSession }, sessionReadable = true): Lang {
  let chosen: Lang | undefined;
  if (sessionReadable) {
    try {
      chosen = ctx.session?.lang;
    } catch {
      // no session for this update type (inline queries)
    }
  }
  return chosen ?? langFromCode(ctx.from?.language_code);
}

/** One key per user per chat: a colleague's form in a group never swallows your messages. */
export function sessionKey(ctx: Context): string | undefined {
  return ctx.chat && ctx.from ? `${ctx.chat.id}_${ctx.from.id}` : undefined;
}
