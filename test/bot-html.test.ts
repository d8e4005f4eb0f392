import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, renderHtml, splitHtml } from '../src/bot/html';
import { balanced } from './helpers/html';

function visible(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/\s+/g, '');
}

describe('escapeHtml', () => {
  it('escapes the characters Telegram HTML requires', () => {
    expect(escapeHtml('<b>衢州 & 杭州</b> "x"')).toBe('&lt;b&gt;衢州 &amp; 杭州&lt;/b&gt; &quot;x&quot;');
  });
  it('renders party names with HTML as text, not markup', () => {
    const html = renderHtml({ blocks: [{ kind: 'p', parts: [{ b: '<script>alert(1)</script>' }, ' 60%'] }] });
    expect(html).toBe('<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> 60%');
  });
  it('renders lists, quotes and pre blocks', () => {
    const html = renderHtml({
      blocks: [
        { kind: 'list', ordered: true, items: [['a<1'], ['b']] },
        { kind: 'quote', parts: ['引文', { i: ' — 标题' }] },
        { kind: 'pre', text: 'x  <y>' },
      ],
    });
    expect(html).toBe('1. a&lt;1\n2. b\n\n<blockquote>引文<i> — 标题</i></blockquote>\n\n<pre>x  &lt;y&gt;</pre>');
  });
});

describe('splitHtml', () => {
  it('leaves a short message alone', () => {
    expect(splitHtml('<b>hi</b>')).toEqual(['<b>hi</b>']);
  });

  it('splits at paragraph boundaries first', () => {
    const para = (n: number) => `第${n}段。`.padEnd(900, '字');
    const html = [1, 2, 3, 4, 5, 6].map(para).join('\n\n');
    const parts = splitHtml(html, 2000);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(part.startsWith('第')).toBe(true); // every piece starts at a paragraph
    }
    expect(parts.join('\n\n')).toBe(html);
  });

  it('falls back to sentence ends inside one long paragraph', () => {
    const html = Array.from({ length: 300 }, (_, i) => `这是第${i}句话，内容较长。`).join('');
    const parts = splitHtml(html, 1000);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts.slice(0, -1)) expect(part.endsWith('。')).toBe(true);
    expect(parts.join('')).toBe(html);
  });

  it('closes and reopens tags at a cut, keeping attributes', () => {
    const inner = Array.from({ length: 200 }, (_, i) => `Sentence ${i} is here.`).join(' ');
    const html = `<blockquote>${inner}</blockquote>\n\n<a href="https://x.example/?a=1&amp;b=2">link</a>`;
    const parts = splitHtml(html, 1200);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(1200);
      expect(balanced(part)).toBe(true);
    }
    expect(parts[1].startsWith('<blockquote>')).toBe(true);
    expect(parts.at(-1)).toContain('<a href="https://x.example/?a=1&amp;b=2">link</a>');
  });

  it('never cuts inside an entity or a tag (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '。', '. ', '\n', '\n\n', ' ', '飞地', 'enclave', '😀'),
      fc.string({ minLength: 1, maxLength: 30 }).map((s) => escapeHtml(s)),
    );
    const doc = fc.array(
      fc.tuple(fc.constantFrom('', 'b', 'i', 'code', 'blockquote', 'pre'), fc.array(piece, { minLength: 1, maxLength: 20 })).map(([tag, xs]) => (tag ? `<${tag}>${xs.join('')}</${tag}>` : xs.join(''))),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(doc, fc.integer({ min: 60, max: 400 }), (parts, limit) => {
        const html = parts.join('');
        const out = splitHtml(html, limit);
        for (const p of out) {
          expect(p.length).toBeLessThanOrEqual(limit);
          expect(balanced(p)).toBe(true);
          // no broken entity: every & starts a complete entity
          expect(/&(?!(amp|lt|gt|quot);)/.test(p)).toBe(false);
          // no lone surrogate
          expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(p)).toBe(false);
        }
        // nothing visible is lost (whitespace at cuts may be dropped)
        expect(visible(out.join(''))).toBe(visible(html));
      }),
      { numRuns: 150 },
    );
  });
});
