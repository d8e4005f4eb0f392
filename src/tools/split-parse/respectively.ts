/**
 * Step 3b: "respectively" lists. N names listed, then one cue, then N amounts or shares listed
 * (衢州、杭州、丽水分别拿50%、30%、20% / 东村、西村分别出资100万、300万 / Town A and Town B invested 3
 * million and 7 million respectively) say one value per name, in order. They are rewritten as N
 * clauses of name, cue and value (衢州拿50%，杭州拿30%，丽水拿20%), so the grammar reads them as it reads
 * every other share or contribution.
 */
import { joinsList, type GTok } from './names';

type W = Extract<GTok, { k: 'w' }>;
const isW = (t: GTok | undefined, ...cats: string[]): t is W => t?.k === 'w' && !!t.cat && cats.includes(t.cat);
const isValue = (t: GTok | undefined): t is Extract<GTok, { k: 'money' | 'share' }> => t?.k === 'money' || t?.k === 'share';
/** The cue said once for every name: a take word (拿, get), a contribution (出资, invested) or a floor (保底). */
const CUES = ['take', 'contrib', 'floor'];
const SAYS_RESPECTIVELY = /^(?:分别|各自|respectively)$/i;

export function distributeRespectively(g: GTok[]): GTok[] {
  const out: GTok[] = [];
  for (let i = 0; i < g.length; ) {
    const names: string[] = [];
    let k = i;
    while (g[k]?.k === 'name') {
      names.push((g[k] as { t: string }).t);
      if (joinsList(g[k + 1]) && g[k + 2]?.k === 'name') k += 2;
      else break;
    }
    if (names.length < 2) {
      out.push(g[i]);
      i += 1;
      continue;
    }
    // past the list: 分别 / respectively, then the one cue, then the values
    let j = k + 1;
    while (isW(g[j], 'filler', 'stop') || (g[j]?.k === 'w' && SAYS_RESPECTIVELY.test((g[j] as W).t))) j++;
    const cue = CUES.some((c) => isW(g[j], c)) ? (g[j] as W) : undefined;
    if (cue) j++;
    const values: Array<Extract<GTok, { k: 'money' | 'share' }>> = [];
    while (isValue(g[j]) && (values.length === 0 || values[0].k === g[j].k)) {
      values.push(g[j] as Extract<GTok, { k: 'money' | 'share' }>);
      if (joinsList(g[j + 1]) && isValue(g[j + 2])) j += 2;
      // 七成三成 / 60% 40%: shares typed one after another need no separator
      else if (g[j]?.k === 'share' && g[j + 1]?.k === 'share') j += 1;
      else break;
    }
    // amounts need their cue (衢州和杭州 100万、200万 may be anything); shares speak for themselves
    if (values.length !== names.length || (values[0].k === 'money' && !cue)) {
      out.push(g[i]);
      i += 1;
      continue;
    }
    names.forEach((name, n) => {
      if (n) out.push({ k: 'sep', comma: true });
      out.push({ k: 'name', t: name, strong: true }, ...(cue ? [cue] : []), values[n]);
    });
    i = j + 1;
    // (…300万 respectively: the word after the values is said already)
    if (g[i]?.k === 'w' && SAYS_RESPECTIVELY.test((g[i] as W).t)) i += 1;
  }
  return out;
}
