/** What the bot tests check about the HTML it sends to Telegram, and the corpus its quotes come from. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Tags balanced and properly nested: Telegram's HTML parser refuses anything else. */
export function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/gi)) {
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

/** The text a user sees: tags dropped, entities decoded. */
export function unescape(s: string): string {
  return s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Every corpus file as written, to check a quoted passage is verbatim. */
export function readCorpusText(dir = 'corpus'): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}
