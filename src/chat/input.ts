/**
 * The one cleaning every piece of user text goes through before routing (plain text, command
 * arguments, form answers): control characters out, surrounding space off, a length cap. The bot,
 * the terminal and the router all call it, so no path skips it.
 */
export const MAX_TEXT_LENGTH = 2000;

// C0 controls except tab, line feed and carriage return (kept: multi-line questions), and DEL.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export type CleanedInput = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too_long'; text: string };

/** Cleans one user text; `ok: false` says why it cannot be used (the caller words the message). */
export function cleanInput(raw: string | undefined | null, max = MAX_TEXT_LENGTH): CleanedInput {
  const text = (raw ?? '').replace(CONTROL, '').trim();
  if (!text) return { ok: false, reason: 'empty', text };
  if (text.length > max) return { ok: false, reason: 'too_long', text };
  return { ok: true, text };
}
