/**
 * The issue's check, end to end through the command line, each step a new process with its own
 * DATA_DIR and INDEX_DIR: a policy document not in the corpus is added as .txt and again as .docx
 * ("already present"); five questions about it are declined before, answered citing its source with
 * the key figure after, declined again after `docs remove`; the shipped papers' answers do not
 * change; every bad input is one line on stderr with a non-zero exit and leaves `docs list` as it
 * was; a process killed in the middle of an import leaves corpus and index as they were.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxFromText, encryptedDocx, encryptedPdf, manyPagesPdf, POLICY_TXT_PATH, policyText, scannedPdf, textPdf, truncated } from './helpers/documents';

const root = mkdtempSync(join(tmpdir(), 'enclave-docs-cli-'));
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, DATA_DIR: join(root, 'data'), INDEX_DIR: join(root, 'index') };

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]) {
  const r = cli(args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Questions about the fixture document, each with the figure its answer must carry. */
const ABOUT_NEW_DOCUMENT: Array<[string, string]> = [
  ['新安市每年安排的飞地经济专项资金是多少？', '3000万元'],
  ['新安市飞地园区新增税收在合作期前五年按什么比例分成？', '七三'],
  ['新安市的科创飞地建筑面积一般不少于多少？', '2万平方米'],
  ['新云产业园的规划面积是多少？', '5平方公里'],
  ['新安市人才安居补贴最高多少？', '30万元'],
];

/** Questions the shipped papers answer; their answers must be the same with and without the new document. */
const ABOUT_SHIPPED = ['什么是飞地接力？', '消薄飞地是什么？', 'What is a reverse enclave?', '衢州海创园是什么时候建成的？'];

const askAll = (questions: string[]) => {
  const input = questions.map((q, i) => JSON.stringify({ id: `q${i}`, question: q })).join('\n');
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'ask', '--json', '--batch'], { env, input, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
};

const files = join(root, 'files');
const txtPath = join(files, 'xinan-enclave-measures.txt');
const docxPath = join(files, 'xinan-enclave-measures.docx');

beforeAll(async () => {
  mkdirSync(files, { recursive: true });
  writeFileSync(txtPath, readFileSync(POLICY_TXT_PATH));
  writeFileSync(docxPath, await docxFromText(policyText()));
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('docs add / list / remove through the CLI, each step a new process', () => {
  let shippedBefore: unknown[];
  let id: string;

  it('before: the five questions about the new document are declined; docs list shows the five shipped papers', () => {
    const before = askAll(ABOUT_NEW_DOCUMENT.map(([q]) => q));
    for (const [i, r] of before.entries()) expect(r.answered, `${ABOUT_NEW_DOCUMENT[i][0]} → ${r.answer}`).toBe(false);
    shippedBefore = askAll(ABOUT_SHIPPED);
    const list = json(['docs', 'list', '--json']);
    expect(list.documents).toHaveLength(5);
    for (const d of list.documents) {
      expect(Object.keys(d).sort()).toEqual(['added', 'chunks', 'id', 'shipped', 'source', 'title']);
      expect(d).toMatchObject({ shipped: true, added: false });
      expect(d.chunks).toBeGreaterThan(0);
    }
  }, 240_000);

  it('add .txt → {id, source, title, chunks}; the same document as .docx → "already present", exit 1', () => {
    const added = json(['docs', 'add', '--json', txtPath]);
    expect(Object.keys(added).sort()).toEqual(['chunks', 'id', 'source', 'title']);
    expect(added.source).toBe('xinan-enclave-measures.txt');
    expect(added.title).toBe('新安市推进飞地经济合作发展实施办法');
    expect(added.chunks).toBeGreaterThan(0);
    id = added.id;
    const again = cli(['docs', 'add', '--json', docxPath]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already present: already in the corpus as "新安市推进飞地经济合作发展实施办法" \(xinan-enclave-measures\.txt/);
    const list = json(['docs', 'list', '--json']).documents;
    expect(list).toHaveLength(6);
    expect(list.find((d: any) => d.id === id)).toEqual({ id, source: 'xinan-enclave-measures.txt', title: added.title, chunks: added.chunks, shipped: false, added: true, addedAt: expect.any(String) });
  }, 240_000);

  it('after add: ask answers each question citing the file name, with the key figure; retrieve finds it; shipped answers unchanged', () => {
    const after = askAll(ABOUT_NEW_DOCUMENT.map(([q]) => q));
    for (const [i, r] of after.entries()) {
      const [q, figure] = ABOUT_NEW_DOCUMENT[i];
      expect(r.answered, `${q} → ${r.answer}`).toBe(true);
      expect(r.citations.map((c: any) => c.source), q).toContain('xinan-enclave-measures.txt');
      expect(r.answer, q).toContain(figure);
      const cited = r.citations.find((c: any) => c.source === 'xinan-enclave-measures.txt');
      expect(cited.title).toBe('新安市推进飞地经济合作发展实施办法');
      expect(policyText().replace(/\s+/g, '')).toContain(cited.quote.replace(/\s+/g, ''));
    }
    const hits = json(['retrieve', '--json', '--k', '3', '新云产业园规划面积']).hits;
    expect(hits[0].source).toBe('xinan-enclave-measures.txt');
    expect(askAll(ABOUT_SHIPPED)).toEqual(shippedBefore);
  }, 240_000);

  it('remove: a shipped paper is refused; the added one goes; its questions are declined again; shipped answers unchanged', () => {
    const shipped = cli(['docs', 'remove', '001-industrial-enclaves-zhejiang-26-counties']);
    expect(shipped.code).toBe(1);
    expect(shipped.stderr.trim()).toMatch(/^Error: 001-industrial-enclaves-zhejiang-26-counties .* is one of the five shipped papers and cannot be removed/);
    const removed = json(['docs', 'remove', '--json', id]);
    expect(removed).toMatchObject({ id, source: 'xinan-enclave-measures.txt', removed: true });
    expect(json(['docs', 'list', '--json']).documents).toHaveLength(5);
    const gone = askAll(ABOUT_NEW_DOCUMENT.map(([q]) => q));
    for (const r of gone) {
      expect(r.answered).toBe(false);
      expect(r.citations.map((c: any) => c.source)).not.toContain('xinan-enclave-measures.txt');
    }
    expect(askAll(ABOUT_SHIPPED)).toEqual(shippedBefore);
  }, 240_000);
});

describe('bad input through the CLI: one line, exit 1, nothing changed', () => {
  const bad: Array<[string, () => Promise<Buffer | undefined>, RegExp]> = [
    ['empty.txt', async () => Buffer.alloc(0), /is empty/],
    ['scan.pdf', scannedPdf, /scanned PDF.*OCR/],
    ['secret.pdf', async () => encryptedPdf(), /password-protected/],
    ['secret.docx', async () => encryptedDocx(), /password-protected/],
    ['broken.pdf', async () => truncated(await textPdf()), /cannot be read as a PDF/],
    ['broken.docx', async () => truncated(await docxFromText(policyText())), /cannot be read as a Word \.docx/],
    ['slides.pptx', async () => Buffer.from('PK\u0003\u0004 not really'), /not a supported type/],
    ['huge.txt', async () => Buffer.alloc(21 * 1024 * 1024, 0x41), /larger than 20 MB/],
    ['long.pdf', () => manyPagesPdf(501), /longer than 500 pages/],
    ['missing.txt', async () => undefined, /could not be read \(no such file\)/],
  ];
  it('each bad file is refused with its own reason', async () => {
    const before = cli(['docs', 'list', '--json']).stdout;
    const indexBefore = readFileSync(join(env.INDEX_DIR, 'manifest.json'), 'utf8');
    for (const [name, make, message] of bad) {
      const path = join(files, name);
      const bytes = await make();
      if (bytes) writeFileSync(path, bytes);
      const r = cli(['docs', 'add', path]);
      expect(r.code, name).toBe(1);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(r.stderr, name).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(cli(['docs', 'list', '--json']).stdout).toBe(before);
    expect(readFileSync(join(env.INDEX_DIR, 'manifest.json'), 'utf8')).toBe(indexBefore);
    const usage = cli(['docs', 'frobnicate']);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/docs needs add, list or remove; got "frobnicate"/);
  }, 300_000);
});

describe('a process killed in the middle of an import', () => {
  it('leaves corpus and index as they were, and the next import works', async () => {
    const listBefore = cli(['docs', 'list', '--json']).stdout;
    const docsDir = join(env.DATA_DIR, 'documents');
    const manifestBefore = existsSync(join(docsDir, 'manifest.json')) ? readFileSync(join(docsDir, 'manifest.json'), 'utf8') : undefined;
    const indexBefore = readFileSync(join(env.INDEX_DIR, 'manifest.json'), 'utf8');
    // The import pauses after writing the cleaned file to its temporary name, before the manifest
    // that makes it part of the corpus; it is killed there.
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'docs', 'add', txtPath], { env: { ...env, ENCLAVE_TEST_PAUSE_AT: 'written' }, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
        if (err.includes('paused at written')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before pausing: ${err}`)));
    });
    expect(readdirSync(docsDir).some((f) => f.startsWith('.tmp-'))).toBe(true);
    // tsx runs the program in a child process of its own: the lock file names that one (it holds the
    // lock); both are killed.
    const lock = join(docsDir, '.lock');
    const holder = Number(readFileSync(lock, 'utf8').trim().split(' ')[1]);
    process.kill(holder, 'SIGKILL');
    child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    expect(cli(['docs', 'list', '--json']).stdout).toBe(listBefore);
    expect(existsSync(join(docsDir, 'manifest.json')) ? readFileSync(join(docsDir, 'manifest.json'), 'utf8') : undefined).toBe(manifestBefore);
    expect(readFileSync(join(env.INDEX_DIR, 'manifest.json'), 'utf8')).toBe(indexBefore);
    expect(askAll([ABOUT_NEW_DOCUMENT[0][0]])[0].answered).toBe(false);
    // The lock of the killed process is taken over and its temporary file swept.
    const added = json(['docs', 'add', '--json', txtPath]);
    expect(added.source).toBe('xinan-enclave-measures.txt');
    expect(readdirSync(docsDir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(askAll([ABOUT_NEW_DOCUMENT[0][0]])[0].answered).toBe(true);
  }, 300_000);
});
