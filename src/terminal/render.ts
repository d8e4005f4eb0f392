import type { Block, Inline, Reply } from '../chat/types';

function inline(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('b' in part) return part.b;
  if ('i' in part) return part.i;
  return part.code;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'p':
      return b.parts.map(inline).join('');
    case 'list':
      return b.items.map((item, i) => `  ${b.ordered ? `${i + 1}.` : '•'} ${item.map(inline).join('')}`).join('\n');
    case 'quote':
      return `  > ${b.parts.map(inline).join('')}`;
    case 'pre':
      return b.text
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n');
  }
}

/** Plain-text rendering for the terminal. Buttons become numbered choices (`[1] …`). */
export function renderText(reply: Reply): { text: string; choices: string[] } {
  const choices: string[] = [];
  const parts = reply.blocks.map(block).filter(Boolean);
  const buttons = (reply.buttons ?? []).flat();
  if (buttons.length) {
    parts.push(buttons.map((b) => `[${choices.push(b.action)}] ${b.label}`).join('   '));
  }
  return { text: parts.join('\n\n'), choices };
}
