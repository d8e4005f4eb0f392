import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNKER_VERSION, chunkCorpus } from '../src/corpus/chunk';
import { CorpusError, loadCorpus } from '../src/corpus/load';
import { locateQuote, sectionAt } from '../src/corpus/quotes';
import { ChunkSchema, DocumentMetaSchema, type CorpusDocument } from '../src/corpus/schema';
import { sectionsOf } from '../src/corpus/sections';

const SOURCES = [
  '000_ddc98753dae891fc.txt',
  '001_758819dfea56feb8.txt',
  '002_7d8a42fc8fa9f2a7.txt',
  '003_2609191a22f4057a.txt',
  '004_4dc32fbbbf306e5c.txt',
];

const docs = loadCorpus('corpus');
const bySource = (s: string) => docs.find((d) => d.source === s)!;

/** Body text outside the notes/reference sections, as paragraphs (blank-line separated). */
function bodyParagraphs(doc: CorpusDocument): string[] {
  const out: string[] = [];
  for (const sec of sectionsOf(doc)) {
    if (['注释', '参考文献'].includes(sec.path[0] ?? '')) continue;
    out.push(...doc.raw.slice(sec.start, sec.end).split(/\n{2,}/).map((p) => p.trim()).filter((p) => p && !p.startsWith('#')));
  }
  return out;
}

const tmpDirs: string[] = [];
function tempCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  tmpDirs.push(dir);
  cpSync('corpus', dir, { recursive: true });
  return dir;
}
afterAll(() => tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('cleaned corpus files', () => {
  it('has the five documents with valid front matter and the original source names', () => {
    expect(docs.map((d) => d.source).sort()).toEqual(SOURCES);
    for (const d of docs) {
      const { path, raw, bodyStart, ...meta } = d;
      expect(DocumentMetaSchema.parse(meta)).toBeTruthy();
      expect(d.title).toMatch(/[\u4e00-\u9fff]/);
      expect(path).toBe(`corpus/${d.id}.md`);
      expect(raw.slice(0, bodyStart)).toMatch(/^---\n[\s\S]*\n---\n$/);
    }
    // English titles/abstracts where the papers have them.
    for (const s of [SOURCES[0], SOURCES[2], SOURCES[3]]) {
      expect(bySource(s).lang).toBe('zh-en');
      expect(bySource(s).titleEn).toMatch(/^[A-Z]/);
      expect(bySource(s).raw).toContain('\n## Abstract\n');
    }
  });

  it('keeps abstracts, keywords and the heading hierarchy', () => {
    const minHeadings: Record<string, number> = { [SOURCES[0]]: 34, [SOURCES[1]]: 18, [SOURCES[2]]: 24, [SOURCES[3]]: 20, [SOURCES[4]]: 12 };
    for (const d of docs) {
      const headings = [...d.raw.matchAll(/^(#{2,6}) (.+)$/gm)];
      expect(headings.length, d.source).toBeGreaterThanOrEqual(minHeadings[d.source]);
      expect(d.raw.match(/^# .+$/gm), d.source).toEqual([`# ${d.title}`]);
      // Levels never skip one going down (## → #### would mean a lost （一）).
      let prev = 1;
      for (const h of headings) {
        expect(h[1].length, `${d.source}: ${h[2]}`).toBeLessThanOrEqual(prev + 1);
        prev = h[1].length;
      }
    }
    expect(bySource(SOURCES[0]).raw).toMatch(/^## 一、引言$/m);
    expect(bySource(SOURCES[0]).raw).toMatch(/^### （一）飞地经济的内涵演化与制度逻辑$/m);
    expect(bySource(SOURCES[0]).raw).toMatch(/^#### 1\. 产业结构互补：中国“上中游”\+东南亚“中下游”$/m);
    // Headings printed over two lines are whole again.
    expect(bySource(SOURCES[2]).raw).toMatch(/^## 四、新亚欧大陆桥经济走廊园区未来合作的重点方向$/m);
    expect(bySource(SOURCES[3]).raw).toMatch(/^## 3 创新要素跨域重组的“反向飞地”路径：以衢州海创园为例$/m);
    expect(bySource(SOURCES[3]).raw).toMatch(/^#### 3\.2\.1 典型模式一：在杭初创孵化，回流衢州生产$/m);
    for (const s of SOURCES.slice(0, 4)) expect(bySource(s).raw, s).toMatch(/\n## 摘要\n\n\S/);
    expect(bySource(SOURCES[0]).raw).toContain('[关键词] 飞地经济 区域协调发展 要素流动 产业协同机制');
    expect(bySource(SOURCES[3]).raw).toContain('Keywords: innovation elements; free flow; regional restructuring; reverse enclave; Quzhou Oversea Talents Innovation Park');
  });

  it('has no page numbers, running headers, front-page furniture or footnote marks in the body', () => {
    for (const d of docs) {
      const body = d.raw.slice(d.bodyStart);
      expect(body, d.source).not.toMatch(/^\s*\d{1,4}\s*$/m);
      expect(body, d.source).not.toMatch(/中图分类号|文献标志码|文章编号|作者简介|责任编辑|^【.*】$/m);
      // The title is the H1 only — no running-header line repeats it (004's title is its lead phrase,
      // so there it may occur inside sentences).
      expect(body.split('\n').filter((l) => l.replace(/^#+ /, '').trim() === d.title), d.source).toHaveLength(1);
      if (d.source !== SOURCES[4]) expect(body.split(d.title).length - 1, d.source).toBe(1);
      for (const p of bodyParagraphs(d)) {
        expect(p, d.source).not.toMatch(/[\u2460-\u2473]|<\/?sup>|\\\*|\*\*|\[\d+(?:\s*[-–,，]\s*\d+)*\]/);
      }
    }
    // Footnote texts were moved, not lost.
    expect(bySource(SOURCES[0]).raw).toMatch(/## 注释\n\n① 《习近平著作选读》/);
    expect(bySource(SOURCES[3]).raw).toMatch(/## 注释\n\n① 综合相关研究给出的定义/);
    expect(bySource(SOURCES[0]).raw).toMatch(/## 参考文献\n\n安增军、林昌辉，2008/);
  });

  it('joins lines broken by the PDF extraction', () => {
    for (const d of docs) {
      const body = d.raw.slice(d.bodyStart);
      // Every paragraph is a single line: two non-blank lines never touch.
      expect(body, d.source).not.toMatch(/[^\n]\n[^\n#]/);
      // No paragraph stops on a bare Chinese character while the next one goes on in Chinese
      // (the raw extraction does this on almost every line). Captions, keyword lines and 004's
      // unpunctuated lead paragraph are the only paragraphs without a closing mark.
      const paras = bodyParagraphs(d);
      for (let i = 0; i + 1 < paras.length; i++) {
        const p = paras[i];
        if (/^图\d|^\[关键词\]|^Keywords?/.test(p) || (i === 0 && d.source === SOURCES[4])) continue;
        expect(p.slice(-15), d.source).toMatch(/[。！？：；”）)．.]$/);
      }
    }
    // Sentences that spanned a page break, a footnote block or a sidebar are whole.
    expect(bySource(SOURCES[0]).raw).toContain('新一轮科技革命和产业变革加速推进');
    expect(bySource(SOURCES[2]).raw).toContain('是践行“一带一路”倡议的重要任务');
    expect(bySource(SOURCES[3]).raw).toContain('为了消除地方保护和市场分割而导致的资源低效利用');
    expect(bySource(SOURCES[3]).raw).toContain('important national strategy');
  });
});

describe('loadCorpus', () => {
  it('names a missing file and says how to restore it', () => {
    const dir = tempCorpus();
    const victim = docs[3].path.split('/').pop()!;
    unlinkSync(join(dir, victim));
    let err: unknown;
    try {
      loadCorpus(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CorpusError);
    expect((err as Error).message).toContain(join(dir, victim));
    expect((err as Error).message).toContain('missing');
    expect((err as Error).message).toContain('git checkout -- corpus/');
  });

  it('names an altered file and a file with broken front matter', () => {
    const dir = tempCorpus();
    const file = join(dir, docs[1].path.split('/').pop()!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('共同富裕', '共同富裕!'));
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
    expect(() => loadCorpus(dir)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*altered`));
    // Without checksum verification the edit is accepted; a broken front matter still is not.
    expect(loadCorpus(dir, { verify: false })).toHaveLength(5);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^source: .*$/m, 'source: "not-a-source.pdf"'));
    expect(() => loadCorpus(dir, { verify: false })).toThrow(/001-.*\.md: invalid front matter \(source/);
  });

  it('reads a directory without a manifest and rejects an empty one', () => {
    const dir = tempCorpus();
    unlinkSync(join(dir, 'manifest.json'));
    expect(loadCorpus(dir).map((d) => d.source)).toEqual(SOURCES);
    const empty = mkdtempSync(join(tmpdir(), 'corpus-empty-'));
    tmpDirs.push(empty);
    expect(() => loadCorpus(empty)).toThrow(/No corpus files/);
    expect(() => loadCorpus(join(empty, 'nope'))).toThrow(CorpusError);
  });
});

describe('chunkCorpus', () => {
  const chunks = chunkCorpus(docs);
  const doc = (id: string) => docs.find((d) => d.id === id)!;

  it('cuts passages whose text is the exact slice of the cleaned file, inside one section', () => {
    expect(CHUNKER_VERSION).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(100);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
    for (const c of chunks) {
      ChunkSchema.parse(c);
      const d = doc(c.docId);
      expect(c.text).toBe(d.raw.slice(c.start, c.end));
      expect(c.source).toBe(d.source);
      expect(c.title).toBe(d.title);
      expect(c.start).toBeGreaterThanOrEqual(d.bodyStart);
      expect(c.text).not.toMatch(/(^|\n)#/);
      expect(sectionAt(d, c.start)).toBe(c.section);
      expect(sectionAt(d, c.end - 1)).toBe(c.section);
      expect(c.section).toBe(c.sectionPath.join(' › '));
      expect(['参考文献', 'References']).not.toContain(c.sectionPath[0]);
    }
  });

  it('keeps sizes within bounds and ends at sentence ends', () => {
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(520);
      const d = doc(c.docId);
      const sec = sectionsOf(d).find((s) => s.name === c.section && s.start <= c.start && c.end <= s.end)!;
      const sectionText = d.raw.slice(sec.start, sec.end).trim();
      // Short chunks only where the section itself is short or the chunk is its tail.
      if (c.text.length < 100) expect(sectionText.length < 350 || sectionText.endsWith(c.text), c.id).toBe(true);
      // Ends at a sentence end, a paragraph end, or (for an over-long sentence) a clause mark.
      const after = d.raw[c.end];
      const clean = /[。！？；.!?][”’」』）)》"']*$/.test(c.text) || after === '\n' || after === undefined || /[，、；：,;:]$/.test(c.text);
      expect(clean, c.id).toBe(true);
    }
    const lengths = chunks.map((c) => c.text.length).sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)];
    expect(median).toBeGreaterThanOrEqual(250);
    expect(median).toBeLessThanOrEqual(450);
    const small = chunkCorpus(docs, { targetChars: 150, maxChars: 220 });
    expect(small.length).toBeGreaterThan(chunks.length);
    for (const c of small) expect(c.text.length).toBeLessThanOrEqual(220);
  });

  it('overlaps neighbours by a sentence and covers abstracts and notes', () => {
    let overlapping = 0;
    for (let i = 1; i < chunks.length; i++) {
      const [a, b] = [chunks[i - 1], chunks[i]];
      if (a.docId === b.docId && a.section === b.section && b.start < a.end) overlapping++;
    }
    expect(overlapping).toBeGreaterThan(50);
    expect(chunks.some((c) => c.section === '摘要' && c.docId.startsWith('003'))).toBe(true);
    expect(chunks.some((c) => c.section === 'Abstract' && /reverse enclave/.test(c.text))).toBe(true);
    expect(chunks.some((c) => c.text.includes('蛛网模型 （cobweb model）'))).toBe(true);
    // Every sentence of the body is in some chunk.
    const d = doc('002-eurasian-land-bridge-parks');
    const covered = chunks.filter((c) => c.docId === d.id);
    expect(covered.some((c) => c.text.includes('创新孵化需求成为新时代背景下推动我国园区合作的重要新生力量。'))).toBe(true);
  });
});

describe('locateQuote', () => {
  it('finds known sentences with their section path', () => {
    const a = locateQuote(docs, '产业飞地可以实现浙江山区 26 县劳动力在“家门口”就业');
    expect(a?.source).toBe(SOURCES[1]);
    expect(a?.section).toBe('一、产业飞地助力浙江山区 26 县共同富裕的机制 › （二）提供就业岗位，提升“飞入地”居民收入水平');
    const b = locateQuote(docs, '衢州海创园还建立了管委会、政府部门专班、运营公司与市场第三方机构合作运营的管理机制');
    expect(b?.source).toBe(SOURCES[3]);
    expect(b?.section).toMatch(/^3 创新要素跨域重组的“反向飞地”路径：以衢州海创园为例 › 3\.2 .* › 3\.2\.2 典型模式二/);
    const c = locateQuote(docs, '全省已先后在发达地区建立各类“飞地园区”16个', SOURCES[4]);
    expect(c).toMatchObject({ source: SOURCES[4], section: '发展现状', title: '推动山海协作“飞地经济”高质量发展' });
    const raw = bySource(SOURCES[4]).raw;
    expect(raw.slice(c!.start, c!.end)).toBe('全省已先后在发达地区建立各类“飞地园区”16个');
  });

  it('respects the source filter, tolerates whitespace and rejects unknown text', () => {
    expect(locateQuote(docs, '产业飞地可以实现浙江山区 26 县劳动力', SOURCES[0])).toBeUndefined();
    expect(locateQuote(docs, '这句话不在语料里。')).toBeUndefined();
    expect(locateQuote(docs, '   ')).toBeUndefined();
    const spaced = locateQuote(docs, '增速高出全省 7.3 个百分点');
    expect(spaced?.source).toBe(SOURCES[1]);
    expect(bySource(SOURCES[1]).raw.slice(spaced!.start, spaced!.end).replace(/\s/g, '')).toBe('增速高出全省7.3个百分点');
  });

  it('locates any chunk text in its own document and section', () => {
    const chunks = chunkCorpus(docs);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: chunks.length - 1 }), fc.nat(), fc.nat(), (i, x, y) => {
        const c = chunks[i];
        const from = x % c.text.length;
        const len = 8 + (y % 40);
        const quote = c.text.slice(from, from + len);
        if (quote.trim().length < 8) return;
        const loc = locateQuote(docs, quote, c.source)!;
        expect(loc).toBeDefined();
        const d = bySource(c.source);
        expect(d.raw.slice(loc.start, loc.end)).toBe(quote.trim());
        expect(loc.section).toBe(sectionAt(d, loc.start));
      }),
      { numRuns: 300 },
    );
  });
});

describe('chunkCorpus and explanatory notes', () => {
  it('indexes 注释 (they define terms such as 蛛网模型) but never reference lists', () => {
    const chunks = chunkCorpus(docs);
    expect(chunks.some((c) => c.sectionPath[0] === '注释' && c.text.includes('蛛网模型'))).toBe(true);
    expect(chunks.some((c) => c.sectionPath[0] === '参考文献')).toBe(false);
  });
});
