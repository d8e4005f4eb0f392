import { describe, expect, it } from 'vitest';
import { ChatRouter, cleanInput, MAX_TEXT_LENGTH } from '../src/chat/router';
import { t } from '../src/chat/i18n';
import { newChatSession } from '../src/chat/types';
import { fakeServices } from './helpers/fake-chat-services';

const turn = () => ({ session: newChatSession(), lang: 'zh' as const });

describe('cleanInput', () => {
  it('strips control characters and refuses empty or over-long text', () => {
    expect(cleanInput(' 衢州\u0000\u0007 ')).toEqual({ ok: true, text: '衢州' });
    expect(cleanInput('\u0001 ').ok).toBe(false);
    expect(cleanInput('x'.repeat(MAX_TEXT_LENGTH + 1))).toMatchObject({ ok: false, reason: 'too_long' });
  });
});

describe('command arguments are cleaned like plain text', () => {
  it('/ask with an over-long argument is refused before reaching the advisor', async () => {
    const { services, calls } = fakeServices();
    const r = await new ChatRouter(services).handleCommand('ask', '什么'.repeat(MAX_TEXT_LENGTH), turn());
    expect(r.outcome).toBe('user_error');
    expect(calls.ask).toHaveLength(0);
    expect(JSON.stringify(r.replies)).toContain(t('zh').tooLong(MAX_TEXT_LENGTH));
  });

  it('/split and /mode arguments lose control characters', async () => {
    const { services, calls } = fakeServices();
    const router = new ChatRouter(services);
    await router.handleCommand('split', '六四分成\u0000 1000万\u0007', turn());
    await router.handleCommand('mode', '\u001b杭州在衢州共建产业园', turn());
    await router.handleCommand('ask', '什么是\u0008消薄飞地', turn());
    expect(calls.split).toEqual(['六四分成 1000万']);
    expect(calls.mode).toEqual(['杭州在衢州共建产业园']);
    expect(calls.ask[0].question).toBe('什么是消薄飞地');
  });

  it('/split with only control characters starts the form', async () => {
    const { services } = fakeServices();
    const r = await new ChatRouter(services).handleCommand('split', '\u0000\u0007', turn());
    expect(r.startForm).toBe('split');
  });
});
