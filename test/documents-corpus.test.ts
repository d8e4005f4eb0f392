/**
 * The one seam between added documents and everything downstream: the corpus loader returns the
 * shipped papers and the added documents (origin flag), the index key changes with them (and does
 * not without them), and the settings that steer them are validated.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addedDocumentsFingerprint, loadAllDocuments } from '../src/corpus/added';
import { CorpusError, loadCorpus } from '../src/corpus/load';
import { documentsDirOf, loadConfig } from '../src/config';
import { importDocument } from '../src/documents/import';
import { removeDocument } from '../src/documents/remove';
import { withDocumentsLock } from '../src/documents/store';
import { openRetriever } from '../src/retrieval';
import { policyText } from './helpers/documents';

const root = mkdtempSync(join(tmpdir(), 'enclave-docs-corpus-'));
const docsDir = join(root, 'documents');
const indexDir = join(root, 'index');
const all = () => loadAllDocuments({ corpusDir: 'corpus', documentsDir: docsDir });

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the corpus loader with added documents', () => {
  let id: string;
  beforeAll(async () => {
    id = (await importDocument({ bytes: Buffer.from(policyText()), fileName: '新安市实施办法.txt' }, { documentsDir: docsDir, existing: all() })).entry.id;
  });

  it('returns the shipped papers first, then the added documents, each with its origin', () => {
    const docs = all();
    expect(docs.map((d) => d.origin)).toEqual(['shipped', 'shipped', 'shipped', 'shipped', 'shipped', 'added']);
    expect(docs.slice(0, 5).map((d) => d.id)).toEqual(loadCorpus('corpus').map((d) => d.id));
    expect(docs[5]).toMatchObject({ id, source: '新安市实施办法.txt', origin: 'added' });
    expect(loadAllDocuments({ corpusDir: 'corpus' })).toHaveLength(5);
    expect(loadAllDocuments({ corpusDir: 'corpus', documentsDir: join(root, 'none') })).toHaveLength(5);
  });

  it('an added file edited by hand is reported with its fix, not indexed', () => {
    const path = join(docsDir, `${id}.md`);
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('3000万元', '9000万元'));
    try {
      expect(all).toThrow(CorpusError);
      expect(all).toThrow(/was altered.*docs remove/);
    } finally {
      writeFileSync(path, original);
    }
  });

  it('the index key includes the added documents: built after an add or remove, loaded when unchanged', async () => {
    const shippedOnly = await openRetriever({ corpusDir: 'corpus', indexDir });
    expect(addedDocumentsFingerprint(shippedOnly.docs)).toBeUndefined();
    const withAdded = await openRetriever({ corpusDir: 'corpus', documentsDir: docsDir, indexDir });
    expect(withAdded.origin).toBe('built');
    expect(withAdded.chunks.some((c) => c.docId === id)).toBe(true);
    expect((await openRetriever({ corpusDir: 'corpus', documentsDir: docsDir, indexDir })).origin).toBe('loaded');
    await removeDocument(id, { documentsDir: docsDir, existing: all() });
    const after = await openRetriever({ corpusDir: 'corpus', documentsDir: docsDir, indexDir });
    expect(after.origin).toBe('built');
    expect(after.chunks.some((c) => c.docId === id)).toBe(false);
    // With no added documents the key is the shipped corpus's alone, as before documents existed.
    expect(after.chunks).toEqual(shippedOnly.chunks);
  }, 60_000);
});

describe('the documents lock', () => {
  it('a second writer waits, and gives up with "busy" after its wait', async () => {
    const dir = join(root, 'locked');
    let release!: () => void;
    const held = withDocumentsLock(dir, () => new Promise<void>((r) => (release = r)));
    const err = await withDocumentsLock(dir, () => 'never', 300).catch((e) => e);
    expect(err.code).toBe('busy');
    release();
    await held;
    expect(await withDocumentsLock(dir, () => 'free', 300)).toBe('free');
  });

  it('a lock left by a dead process on this machine is taken over', async () => {
    const dir = join(root, 'stale');
    await withDocumentsLock(dir, () => undefined);
    writeFileSync(join(dir, '.lock'), `${(await import('node:os')).hostname()} 999999`);
    const t = Date.now() - 5000;
    (await import('node:fs')).utimesSync(join(dir, '.lock'), t / 1000, t / 1000);
    expect(await withDocumentsLock(dir, () => 'taken', 2000)).toBe('taken');
  });
});

describe('settings', () => {
  it('ADMIN_USER_IDS are numeric ids; DOCUMENTS_DIR defaults to DATA_DIR/documents; the poll is at most a minute', () => {
    expect(loadConfig({ ADMIN_USER_IDS: '12, 34' }).ADMIN_USER_IDS).toEqual(new Set([12, 34]));
    expect(loadConfig({}).ADMIN_USER_IDS).toBeUndefined();
    expect(() => loadConfig({ ADMIN_USER_IDS: '12,alice' })).toThrow(/ADMIN_USER_IDS must be numeric Telegram user ids.*bad: alice/);
    expect(documentsDirOf(loadConfig({ DATA_DIR: '/srv/enclave' }))).toBe('/srv/enclave/documents');
    expect(documentsDirOf(loadConfig({ DATA_DIR: '/srv/enclave', DOCUMENTS_DIR: '/mnt/shared/docs' }))).toBe('/mnt/shared/docs');
    expect(loadConfig({}).DOCUMENTS_POLL_SECONDS).toBe(30);
    expect(() => loadConfig({ DOCUMENTS_POLL_SECONDS: '90' })).toThrow(/DOCUMENTS_POLL_SECONDS must be from 1 to 60/);
  });
});
