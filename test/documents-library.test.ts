/**
 * The running bot's side of an add: while the new index is built (in a child process) questions are
 * answered from the old one, without waiting; then retriever and advisor are swapped in one step.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { createServices } from '../src/services';
import { createLibrary } from '../src/documents/library';
import { policyText } from './helpers/documents';

const root = mkdtempSync(join(tmpdir(), 'enclave-docs-library-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const QUESTION = '新安市的科创飞地建筑面积一般不少于多少？';

describe('adding a document to a running instance', () => {
  it('answers from the old index during the rebuild, then from the new one', async () => {
    const services = await createServices(loadConfig({ DATA_DIR: join(root, 'data'), INDEX_DIR: join(root, 'index') }), { log: () => undefined });
    const logs: string[] = [];
    const library = createLibrary({ services, log: (m) => logs.push(m) });
    const oldAdvisor = services.advisor;
    expect((await services.advisor.ask(QUESTION)).answered).toBe(false);

    const adding = library.add({ bytes: Buffer.from(policyText()), fileName: 'xinan.txt' });
    // Committed to the folder; the index is now being built by the child process.
    const manifest = join(root, 'data', 'documents', 'manifest.json');
    while (!existsSync(manifest)) await new Promise((r) => setTimeout(r, 10));
    let finished = false;
    void adding.then(() => (finished = true));
    const during = await services.advisor.ask(QUESTION);
    // Answered (from the old index) while the rebuild was still going on, not queued behind it.
    expect(finished).toBe(false);
    expect(during.answered).toBe(false);
    expect(services.docs).toHaveLength(5);

    const report = await adding;
    expect(services.docs).toHaveLength(6);
    expect(services.advisor).not.toBe(oldAdvisor);
    const after = await services.advisor.ask(QUESTION);
    expect(after.answered).toBe(true);
    expect(after.citations.map((c) => c.source)).toContain('xinan.txt');
    expect(after.answer).toContain('2万平方米');
    expect(report).toMatchObject({ source: 'xinan.txt', title: '新安市推进飞地经济合作发展实施办法' });
    expect(report.questions.length).toBeGreaterThan(0);
    // The child process built and saved the index: the swap only loaded it.
    expect(logs.join('\n')).not.toMatch(/child process failed|could not start/);
    expect(logs.join('\n')).toMatch(/documents reloaded \(added xinan-/);
    // The old advisor still works for a question that was already on its way.
    expect((await oldAdvisor.ask(QUESTION)).answered).toBe(false);
  }, 120_000);
});
