import { stripFraming } from './question';

/**
 * A question that asks several things at once (衢州海创园主攻哪些领域？已经引进了多少个项目？ /
 * What is the document number, and what does it allow the partners to divide?) is answered part by
 * part: each part is retrieved and judged on its own words, with the first part as its context so
 * the subject carries (the follow-up rule), and the answers are put together under their questions.
 */

/** Words that make a clause a question. */
const ASKS_ZH = /什么|啥|多少|哪|几|怎|如何|为何|为什么|是否|吗|呢|有没有|能否|多大|多久|何时|何种|何在/;
const ASKS_EN = /\b(?:what|which|how|when|where|who|whom|whose|why|whether)\b|^(?:is|are|does|do|did|can|could|has|have)\b/i;

/** A clause long enough to be asked on its own: four CJK characters or three English words. */
function substantial(part: string): boolean {
  const cjk = (part.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const words = part.split(/\s+/).filter((w) => /[a-z]/i.test(w)).length;
  return cjk >= 4 || words >= 3;
}

/**
 * Words that ask for a fact of their own within a comma clause (签成了多少个项目，投资多大？). Not 哪 or
 * 怎么 alone: 爱往哪跑往哪跑，不去管怎么分，会掉进什么坑 is one question with its conditions. What a text says
 * (里头对税收分配是怎么说的) is asked for on its own.
 */
const ASKS_FACT_ZH = /多少|多大|多高|多久|多长|几[个年项家种类条次倍]|哪一?年|哪些|哪几|哪一?个|哪家|何时|什么时候|靠什么|凭什么|(?:是)?(?:怎么|如何)(?:说|讲|规定|表述|写)的?/;

/** A clause with commas whose every comma-piece asks for a fact of its own is that many parts. */
function splitCommas(clause: string): string[] {
  // A space between Chinese clauses is how a phone user types a comma (招到了多少人 团队占多大比例).
  const pieces = clause.split(/(?<=[，,])|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/);
  if (pieces.length < 2 || /要是|如果|假如|假设|只要|一旦/.test(clause)) return [clause];
  // The first piece may be a statement (那份指导意见，是哪一年…): it stays with the next, as below.
  const asking = pieces.filter((p) => ASKS_FACT_ZH.test(p) && substantial(p));
  return asking.length >= 2 ? pieces : [clause];
}

/**
 * The parts of a (normalised) question, in order; one part when it asks one thing. Clauses that ask
 * nothing (a statement before the question) stay with the clause after them.
 */
export function questionParts(question: string): string[] {
  const english = !/[\u4e00-\u9fff]/.test(question);
  const pieces = english
    ? question.split(/(?<=\?)\s+|,?\s+and\s+(?=(?:(?:according to|in|on|under|for)\b[^,?]*,\s*)?(?:(?:in|on|for|by|at|from|to|with|since|until)\s+)?(?:what|which|how|when|where|who|why)\b)|;\s*/i)
    : question.split(/(?<=[？?；;])/).flatMap(splitCommas);
  const parts: string[] = [];
  let pending = '';
  for (const raw of pieces) {
    const piece = `${pending}${raw}`.trim();
    if (!piece) continue;
    const asks = english ? ASKS_EN.test(raw.trim()) : ASKS_ZH.test(raw);
    if (!asks || !substantial(raw)) {
      pending = `${piece}${english ? ' ' : ''}`;
      continue;
    }
    parts.push(piece);
    pending = '';
  }
  if (pending.trim()) {
    if (parts.length) parts[parts.length - 1] = `${parts[parts.length - 1]}${english ? ' ' : ''}${pending.trim()}`;
    else parts.push(pending.trim());
  }
  // A part that only asks how the papers put the part before (各篇文章提出了哪些做法？, what do the
  // papers propose?) is that part's framing, not a question of its own.
  for (let i = parts.length - 1; i > 0; i--) {
    if (!framingOnly(parts[i]!)) continue;
    parts[i - 1] = `${parts[i - 1]}${english ? ' ' : ''}${parts[i]}`;
    parts.splice(i, 1);
  }
  // A message of many questions is read as one: answering each would multiply the work without bound.
  return parts.length && parts.length <= MAX_PARTS ? parts : [question];
}

/** Asking words and the generic nouns of "what does each paper propose" / "do the papers agree": no subject of their own. */
const GENERIC_ASKING = /什么|啥|哪些|哪几|哪种|怎么|如何|怎样|各自?|分别|具体|做法|办法|建议|说明|说法|看法|主张|措施|思路|机制设计|制度设计|设计|方案|相关研究|相关文献|相关|研究|文献|论文|文章|材料|提出|一样|一致|相同|统一|出入|矛盾|差异|表述|记载|写法|篇|是否|有没有|不|吗|呢|的|了|都|又|是|[\p{P}\s]/gu;
const GENERIC_ASKING_EN = /\b(?:what|which|how|do|does|did|they|each|one|propose|proposes|say|says|suggest|suggests|recommend|recommends|put|forward|view|views|about|it|this|that|of|on|and|compare|differ|agree|consistent|same|papers?|all|the|give)\b|[\p{P}\s]/giu;

function framingOnly(part: string): boolean {
  const rest = stripFraming(part);
  return /[\u4e00-\u9fff]/.test(part) ? rest.replace(GENERIC_ASKING, '').length < 2 : rest.replace(GENERIC_ASKING_EN, '').length < 3;
}

/** Most parts a question is answered in; beyond this it is answered as one question. */
export const MAX_PARTS = 6;
