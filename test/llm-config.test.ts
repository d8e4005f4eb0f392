import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { loadPrompts, PromptError } from '../src/llm/prompts';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe('LLM configuration', () => {
  it('defaults: no key (offline), default model names and timeout', () => {
    const c = loadConfig({});
    expect(c.OPENAI_API_KEY).toBeUndefined();
    expect(c.OPENAI_MODEL).toBe('gpt-4o-mini');
    expect(c.OPENAI_EMBEDDING_MODEL).toBe('text-embedding-3-small');
    expect(c.LLM_TIMEOUT_MS).toBe(20000);
  });

  it('accepts an OpenAI-compatible server and trims values', () => {
    const c = loadConfig({ OPENAI_API_KEY: ' sk-abc ', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: ' qwen2.5:7b ', LLM_TIMEOUT_MS: '5000' });
    expect(c).toMatchObject({ OPENAI_API_KEY: 'sk-abc', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'qwen2.5:7b', LLM_TIMEOUT_MS: 5000 });
  });

  it('one clear message per bad value, naming the setting and an example', () => {
    const p = problems({ OPENAI_API_KEY: 'sk-abc def', OPENAI_BASE_URL: 'api.deepseek.com', OPENAI_MODEL: 'gpt 4o', LLM_TIMEOUT_MS: '-5' });
    expect(p).toHaveLength(4);
    expect(p.find((x) => x.startsWith('OPENAI_API_KEY'))).toMatch(/no spaces/);
    expect(p.find((x) => x.startsWith('OPENAI_BASE_URL'))).toMatch(/http\(s\) URL, e\.g\. https:\/\//);
    expect(p.find((x) => x.startsWith('OPENAI_MODEL'))).toMatch(/without spaces, e\.g\. gpt-4o-mini/);
    expect(p.find((x) => x.startsWith('LLM_TIMEOUT_MS'))).toMatch(/positive whole number.*"-5"/);
    // The message never echoes the key back.
    expect(p.join('\n')).not.toContain('sk-abc def');
  });
});

describe('prompt files', () => {
  it('load at start-up with a version hash, per-language style and every tool description', () => {
    const p = loadPrompts();
    expect(p.version).toMatch(/^[0-9a-f]{12}$/);
    expect(p.system('zh')).toContain('简体中文');
    expect(p.system('en')).toContain('Answer in English');
    expect(p.system('zh')).toContain('[[DECLINE]]');
    expect(p.system('zh')).toContain(p.canary);
    expect(p.system('zh')).not.toMatch(/\{\{\w+\}\}/);
    expect(Object.keys(p.tools).sort()).toEqual(['classify_enclave_mode', 'compute_benefit_split', 'estimate_output', 'retrieve_passages']);
  });

  it('a missing prompt file stops start-up with its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'system.md'), '{{decline}} {{style}} {{canary}}');
    writeFileSync(join(dir, 'decline.md'), 'x');
    writeFileSync(join(dir, 'answer-style.zh.md'), 'x');
    expect(() => loadPrompts(dir)).toThrow(PromptError);
    expect(() => loadPrompts(dir)).toThrow(/answer-style\.en\.md is missing/);
  });
});
