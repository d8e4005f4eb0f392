/**
 * Telegram HTML: rendering of the neutral reply model, escaping, and splitting of long messages
 * (Telegram refuses texts over 4096 characters) at paragraph or sentence boundaries without
 * breaking tags or entities.
 */
import type { Block, Inline, Reply } from '../chat/types';

export const TELEGRAM_LIMIT = 4096;

/** Escapes text for Telegram's HTML parse mode (the three characters it requires, plus quotes for attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inline(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  if ('b' in part) return `<b>${escapeHtml(part.b)}</b>`;
  if ('i' in part) return `<i>${escapeHtml(part.i)}</i>`;
  return `<code>${escapeHtml(part.code)}</code>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'p':
      return b.parts.map(inline).join('');
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '•'} ${item.map(inline).join('')}`).join('\n');
    case 'quote':
      return `<blockquote>${b.parts.map(inline).join('')}</blockquote>`;
    case 'pre':
      return `<pre>${escapeHtml(b.text)}</pre>`;
  }
}

export function renderHtml(reply: Reply): string {
  return reply.blocks.map(block).filter((s) => s.length > 0).join('\n\n');
}

interface OpenTag {
  name: string;
  raw: string;
}

const BOUNDARY_CLASSES = 5; // paragraph, line, sentence, space, anywhere

function boundaryClass(html: string, c: number): number {
  const prev = html[c - 1];
  if (prev === '\n' && html[c - 2] === '\n') return 0;
  if (prev === '\n') return 1;
  if ('。！？；!?;'.includes(prev) || (prev === '.' && /\s/.test(html[c] ?? ' '))) return 2;
  if (prev === ' ') return 3;
  return 4;
}

function closers(stack: OpenTag[]): string {
  return stack
    .slice()
    .reverse()
    .map((t) => `</${t.name}>`)
    .join('');
}

/**
 * Splits Telegram HTML into pieces of at most `limit` characters. Prefers paragraph breaks, then
 * line breaks, then sentence ends, then spaces; a tag open at a cut is closed at the end of one
 * piece and reopened (with its attributes) at the start of the next; never cuts inside a tag or an
 * `&…;` entity. Pure, so it is unit-tested on its own.
 */
export function splitHtml(html: string, limit = TELEGRAM_LIMIT): string[] {
  if (html.length <= limit) return html.length ? [html] : [];
  const pieces: string[] = [];
  let start = 0;
  let stack: OpenTag[] = [];
  while (start < html.length) {
    const prefix = stack.map((t) => t.raw).join('');
    const best: Array<{ pos: number; stack: OpenTag[] } | undefined> = new Array(BOUNDARY_CLASSES).fill(undefined);
    const cur = stack.slice();
    let i = start;
    let reachedEnd = false;
    while (i <= html.length) {
      if (i === html.length) {
        if (prefix.length + (i - start) + closers(cur).length <= limit) reachedEnd = true;
        break;
      }
      if (prefix.length + (i - start) > limit) break;
      if (i > start) {
        const cost = prefix.length + (i - start) + closers(cur).length;
        if (cost <= limit) {
          const cls = boundaryClass(html, i);
          best[cls] = { pos: i, stack: cur.slice() };
        }
      }
      const ch = html[i];
      if (ch === '<') {
        const end = html.indexOf('>', i);
        if (end < 0) {
          i = html.length; // malformed tail: treat as text
          continue;
        }
        const tag = html.slice(i, end + 1);
        const m = /^<\/?\s*([a-zA-Z-]+)/.exec(tag);
        if (m) {
          const name = m[1].toLowerCase();
          if (tag.startsWith('</')) {
            const at = cur.map((t) => t.name).lastIndexOf(name);
            if (at >= 0) cur.splice(at, 1);
          } else if (!tag.endsWith('/>')) cur.push({ name, raw: tag });
        }
        i = end + 1;
        continue;
      }
      if (ch === '&') {
        const m = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(html.slice(i, i + 12));
        if (m) {
          i += m[0].length;
          continue;
        }
      }
      // Never separate a UTF-16 surrogate pair (emoji).
      i += /[\ud800-\udbff]/.test(ch) ? 2 : 1;
    }
    if (reachedEnd) {
      pieces.push(prefix + html.slice(start));
      break;
    }
    const minUseful = Math.floor(limit / 3);
    let chosen: { pos: number; stack: OpenTag[] } | undefined;
    for (let cls = 0; cls < BOUNDARY_CLASSES && !chosen; cls++) {
      const b = best[cls];
      if (b && prefix.length + (b.pos - start) >= minUseful) chosen = b;
    }
    chosen ??= best.find((b) => b !== undefined);
    if (!chosen) throw new Error(`splitHtml: limit ${limit} is too small for the tags open at offset ${start}`);
    const body = html.slice(start, chosen.pos);
    pieces.push((prefix + body).replace(/\s+$/, '') + closers(chosen.stack));
    start = chosen.pos;
    stack = chosen.stack;
    // The next piece starts at its first visible character.
    while (start < html.length && /\s/.test(html[start])) start++;
  }
  return pieces.filter((s) => s.replace(/<[^>]*>/g, '').trim().length > 0);
}
