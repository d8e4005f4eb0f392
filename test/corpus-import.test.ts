import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert, DocConfigSchema, joinLines, loadMeta, sha256 } from '../scripts/import-corpus';

const SRC = join('..', 'shared', 'corpus-src');

/** Front-page furniture: classification codes, author bios and affiliations, column and editor labels. */
const DROPPED_ON_PURPOSE = [
  '中图分类号', '文献标志码', '文章编号', '作者简介', '责任编辑', '广州数据集团有限公司', '广东财经大学中国数据研究院',
  '广东财经大学经济学院', '广东财经大学统计与数据科学学院', '中共舟山市委党校', '中共浙江省委党校工商管理教研部',
  '区域开放与合作', '资料来源', '作者绘制',
];

describe('import-corpus line joining', () => {
  it('joins Chinese without a space, English with one, and re-joins soft-hyphenated words', () => {
    expect(joinLines('新一轮科技革命和产业', '变革加速推进')).toBe('新一轮科技革命和产业变革加速推进');
    expect(joinLines('an important na‐', 'tional strategy')).toBe('an important national strategy');
    expect(joinLines('reverse enclave;', 'Quzhou Park')).toBe('reverse enclave; Quzhou Park');
    expect(joinLines('衢州在杭州设立', 'G60科创走廊')).toBe('衢州在杭州设立G60科创走廊');
    expect(joinLines('the eastern，', 'central regions')).toBe('the eastern，central regions');
  });
});

describe('import-corpus conversion of a PDF-extracted text', () => {
  const cfg = DocConfigSchema.parse({
    id: '900-sample',
    source: '900_abcdef.txt',
    format: 'pdftext',
    title: '样例标题',
    authors: ['张三'],
    lang: 'zh-en',
    dropLines: ['^样例标题$', '^张 三$'],
    blocks: [
      { kind: 'abstract-zh', start: '^摘 要：', end: '合作模式。$' },
      { kind: 'figure', start: '^图1 ', end: '^资料来源' },
      { kind: 'abstract-en', start: '^Sample Title', end: '^Key Words' },
    ],
    headings: [
      { level: 2, pattern: '^[一二三四五六七八九十]+、' },
      { level: 3, pattern: '^\\d\\.(?!\\d)' },
    ],
  });
  // Narrow two-column layout: ~20 characters a line, blank lines between lines, a page number,
  // a running header, a heading printed over two lines and a caption in the middle of a sentence.
  const raw = [
    ' 样例标题',
    '张 三',
    '摘 要：飞地经济是区域协调发展的一种',
    '合作模式。',
    '一、飞地经济园区合作的一般性动力机制与',
    '路径',
    '飞地经济作为打破行政边界、优化资源配',
    '置的重要机制①，已成为推动东中西部联动发',
    '展的重要载体。',
    '1.政策推动激发园区合作初始动力',
    '城市的主要任务是增长，地方政府发展经济的',
    '强烈愿望对于城市发展方向起着主导作用。当地',
    '116',
    '样例标题',
    '政府对本地区土地要素等资源配置有着绝对影响',
    '图1 园区合作网络图',
    '资料来源：作者绘制。',
    '，同时对促成园区跨区合作具有重要影响。',
    'Sample Title in English',
    'Zhang San',
    'Abstract：Enclave parks are an impor‐',
    'tant tool.',
    'Key Words: enclave; park cooperation',
  ].join('\n\n');
  const md = convert(raw, cfg);
  const body = md.slice(md.indexOf('# 样例标题'));

  it('writes front matter the loader accepts', () => {
    expect(md.startsWith('---\nid: "900-sample"\nsource: "900_abcdef.txt"\ntitle: "样例标题"\nauthors:\n  - "张三"\nlang: "zh-en"\n---\n')).toBe(true);
  });

  it('rebuilds headings, paragraphs and sections and drops page furniture', () => {
    expect(body).toBe(
      [
        '# 样例标题',
        '## 一、飞地经济园区合作的一般性动力机制与路径',
        '飞地经济作为打破行政边界、优化资源配置的重要机制，已成为推动东中西部联动发展的重要载体。',
        '### 1.政策推动激发园区合作初始动力',
        '城市的主要任务是增长，地方政府发展经济的强烈愿望对于城市发展方向起着主导作用。当地政府对本地区土地要素等资源配置有着绝对影响，同时对促成园区跨区合作具有重要影响。',
        '图1 园区合作网络图',
        '## 摘要',
        '飞地经济是区域协调发展的一种合作模式。',
        '## Abstract',
        'Enclave parks are an important tool.',
        'Key Words: enclave; park cooperation',
      ].join('\n\n') + '\n',
    );
  });

  it('fails loudly when a configured block is not in the text', () => {
    expect(() => convert('只有正文。', cfg)).toThrow(/block abstract-zh .* not found/);
  });
});

describe.skipIf(!existsSync(SRC))('import-corpus against the original texts', () => {
  it('reproduces the committed corpus byte for byte (deterministic, up to date)', () => {
    const manifest = JSON.parse(readFileSync('corpus/manifest.json', 'utf8')) as { files: { file: string; sha256: string }[] };
    for (const cfg of loadMeta()) {
      const md = convert(readFileSync(join(SRC, cfg.source), 'utf8'), cfg);
      expect(md, cfg.id).toBe(readFileSync(join('corpus', `${cfg.id}.md`), 'utf8'));
      expect(manifest.files.find((f) => f.file === `${cfg.id}.md`)?.sha256).toBe(sha256(md));
    }
  });

  it('keeps every Chinese character of the source bodies', () => {
    // Cleaning removes artefacts and moves blocks but never drops or rewrites words: every run of Chinese
    // characters in a source line (punctuation aside, which the quote repairs may move) is in the output.
    for (const cfg of loadMeta()) {
      const src = readFileSync(join(SRC, cfg.source), 'utf8');
      const md = readFileSync(join('corpus', `${cfg.id}.md`), 'utf8').replace(/[^\u4e00-\u9fff]/g, '');
      const runs = src.match(/[\u4e00-\u9fff]{4,}/g) ?? [];
      expect(runs.length).toBeGreaterThan(300);
      const missing = runs.filter((r) => !md.includes(r) && !DROPPED_ON_PURPOSE.includes(r));
      expect(missing, cfg.id).toEqual([]);
    }
  });
});
