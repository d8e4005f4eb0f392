/**
 * Which handler should take a plain text message. Transparent rules (no model): each returns
 * the cue that fired, so logs and tests can say why. When nothing or several things fit, the
 * router asks the user instead of guessing.
 */

export type TextIntent = 'split' | 'mode' | 'ask' | 'greeting' | 'unclear';

export interface IntentDecision {
  intent: TextIntent;
  cues: string[];
}

/** A ratio the way officials write it: 60%, 6:4, 六四分成, 三七开, 三成, 五五. */
const RATIO =
  /\d+(?:\.\d+)?\s*[%％]|\d+(?:\.\d+)?\s*[:：]\s*\d+|[一二三四五六七八九两]{2}\s*(?:分成|分|开)|[一二三四五六七八九十]\s*成(?![本立功为果])|\b\d{1,3}\s*\/\s*\d{1,3}\b(?!\s*\/)/i;
/** An amount with a unit: 1000万, 1.5亿, 300万元, 10 million. */
const AMOUNT = /(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)\s*(?:亿元|万元|千万|百万|亿|万|元)|\d+(?:\.\d+)?\s*(?:million|billion|bn|m)\b|\d{5,}/i;
const SPLIT_WORD = /分成|分配|分账|怎么分|各得|各分|分\s*\d|split|share|divide/i;
const NUMBER = /\d+(?:\.\d+)?/g;

const QUESTION_END = /[?？]\s*$/;
// (colloquial asking words too: 哪年开始的, 咋回事, 是啥, 谁负责, 几个园区 — a question typed without a question mark)
const QUESTION_ZH = /什么|怎么|怎样|如何|为何|为什么|哪些|哪个|哪种|哪类|哪年|哪一年|哪里|哪儿|何时|何年|多少|几[个年家种类条项次]|是否|能否|可否|有没有|有哪|是不是|吗|呢|咋|啥|谁|介绍|解释|说说|讲讲|谈谈|区别|含义|意思|定义|举例/;
const QUESTION_EN = /^(what|how|why|which|who|whom|when|where|does|do|did|is|are|was|were|can|could|should|would|will|explain|describe|tell me|list|give me|define|compare)\b/i;
const MODE_ASK = /什么模式|哪种模式|哪类模式|属于.{0,6}(模式|类型|飞地)|是哪种飞地|什么类型|which (mode|type|kind)|what (mode|type|kind) of (enclave|partnership|cooperation)|classify/i;

/** Cues of a partnership being described (who does what where). */
const PARTNERSHIP_ZH = /合作|共建|共同|设立|建设|建立|打造|创办|投资|入驻|落户|迁|转移|孵化|研发|生产|制造|帮扶|对口|结对|村集体|生态|接力|招商|提供|出资|出地|土地|指标|园区|产业园|飞地/g;
const PARTNERSHIP_EN = /\b(partner\w*|co-?build\w*|set(s|ting)? up|establish\w*|build\w*|invest\w*|relocat\w*|incubat\w*|r&d|research|production|manufactur\w*|factory|park|villages?|collectives?|ecolog\w*|relay|provid\w*|land|quota|talent|jobs?|cooperat\w*|county|city|province)\b/gi;

const GREETING = /^(你好|您好|hi|hello|hey|嗨|哈喽|早上好|下午好|晚上好|在吗|在不在)[!！。.~～]*$/i;

function count(re: RegExp, text: string): number {
  return (text.match(re) ?? []).length;
}

export function detectIntent(raw: string): IntentDecision {
  const text = raw.trim();
  if (GREETING.test(text)) return { intent: 'greeting', cues: ['greeting'] };

  const hasRatio = RATIO.test(text);
  const hasAmount = AMOUNT.test(text);
  const numbers = (text.match(NUMBER) ?? []).length;
  const questionish = QUESTION_END.test(text) || QUESTION_ZH.test(text) || QUESTION_EN.test(text);

  // A split: a ratio and an amount, or an amount split between several weighted parties.
  if (hasRatio && hasAmount) return { intent: 'split', cues: ['ratio', 'amount'] };
  if (hasAmount && SPLIT_WORD.test(text) && numbers >= 3) return { intent: 'split', cues: ['amount', 'split-word', 'weights'] };
  // A ratio alone, typed as a statement (`六四分成`): a split missing its amount; the parser says so.
  if (hasRatio && !questionish) return { intent: 'split', cues: ['ratio'] };
  if (hasAmount && SPLIT_WORD.test(text) && !questionish) return { intent: 'split', cues: ['amount', 'split-word'] };

  if (MODE_ASK.test(text)) return { intent: 'mode', cues: ['asks-mode'] };

  const partnershipCues = count(PARTNERSHIP_ZH, text) + count(PARTNERSHIP_EN, text);
  const longEnough = text.length >= (/[\u4e00-\u9fff]/.test(text) ? 12 : 40);
  if (!questionish && partnershipCues >= 2 && longEnough) return { intent: 'mode', cues: [`partnership-cues:${partnershipCues}`] };

  if (questionish) return { intent: 'ask', cues: ['question'] };
  // A short topic (`飞地接力`, `reverse enclave`) is read as "tell me about it".
  if (partnershipCues >= 1 && text.length <= 20) return { intent: 'ask', cues: ['topic'] };
  if (/飞地|enclave|分成|收益|税收|园区|山海协作|消薄|GDP|统计/i.test(text) && !longEnough) return { intent: 'ask', cues: ['topic'] };
  return { intent: 'unclear', cues: [] };
}

/**
 * A follow-up leans on the previous question: it opens with an anaphor (那/这/它/what about…)
 * or is too short to name its own topic.
 */
const FOLLOW_UP = /^(那|那么|那这|这|这个|这种|这些|它|它们|其|该|此|还有|另外|然后|and\b|but\b|so\b|then\b|what about|how about|and what|also|its?\b|they\b|their\b|this\b|that\b|these\b|those\b)/i;
const DOMAIN = /飞地|enclave|山海协作|消薄|接力|反向|科创|生态补偿|园区|park|relay|reverse/i;

export function isFollowUp(text: string): boolean {
  const s = text.trim();
  if (FOLLOW_UP.test(s)) return true;
  return s.length <= 10 && !DOMAIN.test(s);
}
