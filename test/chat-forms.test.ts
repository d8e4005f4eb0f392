import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors';
import { finishSplitForm, modeForm, modeFormInput, parseParties, splitForm } from '../src/chat/forms';
import { t } from '../src/chat/i18n';
import { answerReply, markdownBlocks, splitReply } from '../src/chat/replies';
import { ChatRouter } from '../src/chat/router';
import { newChatSession } from '../src/chat/types';
import { runTerminalChat } from '../src/terminal/chat';
import { renderText } from '../src/terminal/render';
import { fakeServices } from './helpers/fake-chat-services';

async function terminal(lines: string[]) {
  const { services, calls } = fakeServices();
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (c) => (out += String(c)));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await runTerminalChat({ services, input, output, lang: 'zh' });
  return { out, calls };
}

describe('terminal: numbers pick only from the buttons shown last', () => {
  it('a number at a step without buttons is the typed answer, not a stale button', async () => {
    const { calls } = await terminal(['/mode', '杭州, 衢州', '1', '1', '2']);
    expect(calls.mode).toHaveLength(1);
    const answers = JSON.parse(calls.mode[0]) as { text: string; participants?: string[] };
    expect(answers.participants).toEqual(['village_collectives']); // '1' at the who step: village
    expect(answers.text.endsWith('2')).toBe(true); // '2' typed at the last step stays '2'
    expect(calls.mode[0]).not.toContain('eco_function_county');
  });

  it('a validation message keeps the step\'s buttons', async () => {
    const { calls } = await terminal(['/mode', '杭州, 衢州', 'x', '2', '1', '无']);
    const answers = JSON.parse(calls.mode[0]) as { moreDeveloped?: string };
    expect(answers.moreDeveloped).toBe('host'); // '2' after the error still means 'reverse'
  });
});

describe('party names', () => {
  it('keep their spaces when a list separator is used', () => {
    expect(parseParties('Quzhou City, Hangzhou City')).toEqual(['Quzhou City', 'Hangzhou City']);
    expect(parseParties('Quzhou City and Hangzhou City')).toEqual(['Quzhou City', 'Hangzhou City']);
    expect(parseParties('衢州、杭州')).toEqual(['衢州', '杭州']);
    expect(parseParties('衢州 杭州')).toEqual(['衢州', '杭州']);
    expect(parseParties('Quzhou')).toBeUndefined();
  });

  it('the split form accepts them', () => {
    const step = splitForm.next(splitForm.initial())!;
    const res = step.accept('Quzhou City，Hangzhou City', splitForm.initial(), 'en');
    expect(res).toMatchObject({ ok: true, state: { parties: ['Quzhou City', 'Hangzhou City'] } });
  });
});

describe('mode form answers are the classifier\'s ModeAnswers', () => {
  it('merges button choices', () => {
    let s = modeForm.initial();
    for (const a of ['衢州 杭州', 'mf:reverse', 'mf:talent', '无']) {
      const r = modeForm.next(s)!.accept(a, s, 'zh');
      if (!r.ok) throw new Error(r.error);
      s = r.state;
    }
    expect(modeFormInput(s)).toEqual({ moreDeveloped: 'host', rdLocation: 'developed', productionLocation: 'less_developed', flows: ['talent', 'training', 'jobs'], text: '衢州与杭州开展合作。' });
  });
});

describe('split replies', () => {
  it('the form\'s error reply and the chat-text one are the same, with a button to the form', async () => {
    const { services } = fakeServices();
    services.computeSplit = () => {
      throw new UserError('bad floor');
    };
    const fromForm = finishSplitForm({ parties: ['a', 'b'], basis: 'ratio', ratio: [1, 1], contributions: [], revenue: 1, floor: null, years: null, baseline: null }, 'zh', services);
    expect(fromForm.buttons?.flat().map((b) => b.action)).toEqual(['form:split']);
    expect(renderText(fromForm).text).toContain('bad floor');
    const viaRouter = await new ChatRouter({ ...services, splitFromText: () => services.computeSplit({}) }).handleText('六四分成 1000万', { session: newChatSession(), lang: 'zh' });
    expect(viaRouter.replies[0]).toEqual(fromForm);
  });

  it('the title is the title (no indicator branch the result cannot feed)', () => {
    const { services } = fakeServices();
    const r = splitReply(services.computeSplit({ revenue: 100, parties: [{ name: 'a', share: 1 }, { name: 'b', share: 1 }] }), 'zh', services);
    expect(r.blocks[0]).toEqual({ kind: 'p', parts: [{ b: t('zh').splitTitle }] });
  });
});

describe('Markdown in answers', () => {
  it('**bold** becomes bold, "- " lines a list, "# " a bold line', () => {
    expect(markdownBlocks('要点：**保底收益**由飞入地承担[1]。')).toEqual([{ kind: 'p', parts: ['要点：', { b: '保底收益' }, '由飞入地承担[1]。'] }]);
    expect(markdownBlocks('两种方式：\n- **约定比例**分成[1]\n- 按投入分成[2]')).toEqual([
      { kind: 'p', parts: ['两种方式：'] },
      { kind: 'list', items: [[{ b: '约定比例' }, '分成[1]'], ['按投入分成[2]']] },
    ]);
    expect(markdownBlocks('## 结论')).toEqual([{ kind: 'p', parts: [{ b: '结论' }] }]);
    expect(markdownBlocks('1. 第一条\n2 * 3 = 6')).toEqual([{ kind: 'p', parts: ['1. 第一条\n2 * 3 = 6'] }]);
  });

  it('an answer shows no literal ** or leading "- "', () => {
    const text = renderText(answerReply({ id: '1', question: 'q', answer: '**A** is key[1].\n- point one[1]', lang: 'en', answered: true, citations: [] })).text;
    expect(text).not.toContain('**');
    expect(text).not.toMatch(/^- /m);
  });
});
