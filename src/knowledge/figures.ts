/**
 * The figures table: every figure the documents state — entity, measure, period, value, unit and
 * the sentence quoted — extracted once from the tree. A "how much / how many / which year" question
 * matches a row by entity and measure whatever the word order (平均每个县财政收入多少 ↔ 2022 年的
 * 财政平均收入为 34.43 亿元), and when the corpus has the measure only for another year or place,
 * the advisor can say so plainly.
 */
import type { CorpusDocument } from '../corpus/schema';
import { getJieba } from '../retrieval/tokenize';
import { treeOf } from './tree';

export interface FigureRow {
  id: string;
  docId: string;
  source: string;
  /** The place, park or organisation the figure is about ('' when the sentence names none). */
  entity: string;
  /** What is measured, in the document's words (财政平均收入, 工业产值, 开行). */
  measure: string;
  /** The year or date it holds for ('' when the sentence and its paragraph give none). */
  period: string;
  value: string;
  unit: string;
  /** The sentence, verbatim, and its offsets in the document. */
  quote: string;
  start: number;
  end: number;
}

const UNIT = '万亿元|亿元|万元|元|亿美元|万美元|美元|个百分点|%|％|平方公里|平方米|万亩|亩|公里|千米|万人次|万人|人次|人|家|个|项|件|列|条|座|所|倍|吨|万吨|标箱|亿|万';
const FIGURE = new RegExp(`(\\d+(?:\\.\\d+)?(?:\\s*[-~—至]\\s*\\d+(?:\\.\\d+)?)?)\\s*(${UNIT})(?![\\u4e00-\\u9fff]{0,1}年)`, 'g');
const PERIOD = /(?:截至|截止到?|到)?\s*((?:19|20)\d{2})\s*年(?:\s*(?:上半年|下半年|底|末|年底|年末|前|以来|\d{1,2}\s*月(?:份)?))?/g;
/** Words between a measure and its value: they link, they do not measure. */
const LINK = /(?:分别|累计|共计|总计|合计|共|约|近|超过|超|达到|达|实现|为|是|有|在|已|已经|突破|增长|提高|下降|减少|占|的|了|\s)+$/;

function lastPeriodBefore(text: string, at: number): string {
  let found = '';
  for (const m of text.matchAll(PERIOD)) if (m.index! < at) found = m[0].trim();
  return found;
}

const ENTITY_TAGS = new Set(['ns', 'nt', 'nz']);
/** Names of parks and zones, which jieba does not tag (金磐开发区, 衢州海创园). */
const NAMED = /[\u4e00-\u9fff]{2,6}?(?:开发区|产业园|科技城|海创园|合作区|新区|科技村)/g;

/** The last park, place or organisation named before `at`: a park's own name first, else jieba's place/organisation tags. */
function lastEntityBefore(text: string, at: number): string {
  let named = '';
  for (const m of text.slice(0, at).matchAll(NAMED)) named = m[0].replace(/^.*[的在于和与及]/, '');
  if (named) return named;
  let found = '';
  for (const t of getJieba().tag(text.slice(0, at), true)) if (ENTITY_TAGS.has(t.tag) && t.word.length >= 2) found = t.word;
  return found;
}

/** Counters whose noun follows the figure: 45个国家级高新区 counts 国家级高新区. */
const COUNTER = /^(?:个|家|项|件|条|座|所|列)$/;
/** Verbs after which the measured noun starts (实现地区生产总值 → 地区生产总值). */
const VERB = /(?:实现|完成|累计|共计|引进|吸纳|开行|设立|建立|建设|启动|签订|拥有|新增|带动|提供|安排|达到|占)/g;

/** The measure: the noun the counter counts, else the clause text before the value less period, entity, verbs and links. */
function measureOf(sentence: string, at: number, end: number, unit: string, entity: string, period: string): string {
  if (COUNTER.test(unit)) {
    const after = /^[“"]?([\u4e00-\u9fff]{2,10})[”"]?/.exec(sentence.slice(end));
    if (after) return after[1]!;
  }
  const clauseStart = Math.max(...['，', '；', '：', ',', '。', '、'].map((p) => sentence.lastIndexOf(p, at - 1))) + 1;
  let m = sentence.slice(clauseStart, at);
  if (period) m = m.replace(period, '');
  if (entity && m.includes(entity)) m = m.slice(m.lastIndexOf(entity) + entity.length);
  let lastVerb = -1;
  for (const v of m.matchAll(VERB)) lastVerb = v.index! + v[0].length;
  if (lastVerb > 0 && lastVerb < m.length - 1) m = m.slice(lastVerb);
  m = m.replace(LINK, '').replace(/^[的年\s，,\d“”"]+/, '').replace(/[“”"]+$/, '').trim();
  return m.length > 16 ? m.slice(-16) : m;
}

/** A year stated at the head of a paragraph (2022 年，浙江山区…) scopes the figures that follow in it. */
function paragraphPeriod(paragraph: string): string {
  const m = /^(?:截至|截止到?|到)?\s*(?:19|20)\d{2}\s*年[^，。]{0,6}[，,]/.exec(paragraph);
  return m ? m[0].replace(/[，,]$/, '').trim() : '';
}

const cache = new WeakMap<CorpusDocument, FigureRow[]>();

/** Every figure stated in a document's paragraphs (cached per document object). */
export function figuresOf(doc: CorpusDocument): FigureRow[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const rows: FigureRow[] = [];
  for (const sec of treeOf(doc).sections) {
    for (const p of sec.paragraphs) {
      for (const s of p.sentences) {
        for (const m of s.text.matchAll(FIGURE)) {
          const at = m.index!;
          // A year is a period, not a figure of a measure.
          if (/^(?:19|20)\d{2}$/.test(m[1]!) && !m[2]) continue;
          const period = lastPeriodBefore(s.text, at) || paragraphPeriod(p.text);
          const entity = lastEntityBefore(s.text, at) || lastEntityBefore(p.text, s.start - p.start);
          const measure = measureOf(s.text, at, at + m[0].length, m[2]!, entity, period);
          if (!measure) continue;
          rows.push({
            id: `${doc.id}/f${rows.length}`,
            docId: doc.id,
            source: doc.source,
            entity,
            measure,
            period: period.replace(/\s+/g, ''),
            value: m[1]!.replace(/\s+/g, ''),
            unit: m[2]!,
            quote: s.text,
            start: s.start,
            end: s.end,
          });
        }
      }
    }
  }
  cache.set(doc, rows);
  return rows;
}

/** The text a figure row is searched by: its entity, measure and period, whatever their order in the sentence. */
export function figureIndexText(row: FigureRow): string {
  return [row.entity, row.measure, row.period, row.unit].filter(Boolean).join(' ');
}
