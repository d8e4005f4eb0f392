#!/usr/bin/env tsx
/**
 * `npx tsx scripts/glossary-places.ts` — writes src/retrieval/glossary-places.json: every place
 * name of the corpus (jieba tags it `ns`: 外高桥, 启东, 龙游, 庆元 …) with its pinyin spelling as the
 * English side (Waigaoqiao, Qidong, Longyou, Qingyuan), so English questions that name a place find
 * the Chinese passages — and a place the corpus does mention is not mistaken for an absent one.
 * Generated from the corpus text rather than typed from failing questions; re-run after changing
 * the corpus. Entries the hand-written glossary (glossary.json) already has are skipped.
 *
 * Needs @napi-rs/pinyin, which is not a project dependency (only this generator uses it, and its
 * per-platform optional packages keep `npm ci` from validating the lock file):
 * `npm install --no-save @napi-rs/pinyin` first.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../src/corpus/load';
import { getJieba } from '../src/retrieval/tokenize';
import { getGlossary } from '../src/retrieval/glossary';

const { pinyin } = await import('@napi-rs/pinyin' as string).catch(() => {
  console.error('This generator needs @napi-rs/pinyin: run `npm install --no-save @napi-rs/pinyin` first.');
  process.exit(2);
});

const OUT = fileURLToPath(new URL('../src/retrieval/glossary-places.json', import.meta.url));
// Administrative suffixes: 启东市 is also asked about as "Qidong".
const SUFFIX = /(?:省|市|县|区|镇|乡|村)$/;
// Words jieba tags as places that are not names of one place (directions, generic regions).
const NOT_A_PLACE = /^(?:长尾|长度|东部|西部|中部|南部|北部|东南|西南|西北|东北|沿海|内陆|山区|全国|全省|国内|境外|海外|地方|当地|本地|异地|中国|东南亚)$/;

// Characters whose place-name reading is not the one @napi-rs/pinyin picks (长兴 Changxing, 长安
// Chang'an, 厦门 Xiamen, 蚌埠 Bengbu): polyphones read as in names.
const READING: Record<string, string> = { 长: 'chang', 厦: 'xia', 蚌: 'beng' };

/** Pinyin spellings: joined (waigaoqiao), and split before a vowel syllable (pan an, as in Pan'an). */
function spellings(zh: string): string[] {
  const syl = (pinyin(zh) as string[]).map((s, i) => READING[zh[i]!] ?? s);
  if (!syl.length || syl.some((s) => !/^[a-z]+$/.test(s))) return [];
  const out = [syl.join('')];
  if (syl.slice(1).some((s) => /^[aeo]/.test(s))) out.push(syl.join(' '));
  return out;
}

const known = new Set(getGlossary().flatMap((e) => e.zh));
const counts = new Map<string, number>();
const jieba = getJieba();
// Names jieba does not tag as places are still names when they sit after a place (上海 外高桥) or
// before a park or organisation word (金磐 开发区, 咸阳 高新区).
const ORG_NEXT = /^(?:开发区|经开区|高新区|新区|园区|工业园|产业园|科技城|自贸区|集团|港)$/;
for (const doc of loadCorpus('corpus')) {
  const tagged = jieba.tag(doc.raw, true);
  tagged.forEach(({ word, tag }, i) => {
    if (word.length < 2 || word.length > 5 || !/^[\u4e00-\u9fff]+$/.test(word) || NOT_A_PLACE.test(word)) return;
    const name = tag === 'ns' || (/^(?:n|nz|nt|nr|x)$/.test(tag) && (tagged[i - 1]?.tag === 'ns' || ORG_NEXT.test(tagged[i + 1]?.word ?? '')));
    if (name) counts.set(word, (counts.get(word) ?? 0) + 1);
  });
}
const entries: { en: string[]; zh: string[] }[] = [];
for (const zh of [...counts.keys()].sort()) {
  const names = [zh];
  const base = zh.replace(SUFFIX, '');
  if (base !== zh && base.length >= 2) names.push(base);
  if (names.some((n) => known.has(n))) continue;
  const en = [...new Set(names.flatMap(spellings))];
  if (en.length) entries.push({ en, zh: names });
}
writeFileSync(OUT, `[\n${entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`);
console.log(`${entries.length} place names → ${OUT}`);
