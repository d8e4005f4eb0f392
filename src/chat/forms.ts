/**
 * The guided /split and /mode forms as channel-neutral state machines: `next(state)` gives the
 * step to ask, `step.accept(text, state)` validates one answer and returns the new state or a clear
 * message with an example. The bot drives them with @grammyjs/conversations, the terminal with
 * readline — the same validation either way. States are plain JSON (conversations replay them).
 */
import { isUserError } from '../errors';
import type { ModeAnswers } from '../tools';
import { t, type Messages } from './i18n';
import { isNone, parseAmount, parseNumberList } from './numbers';
import type { ChatServices } from './ports';
import { modeReply, p, splitErrorReply, splitReply } from './replies';
import { withSplitMedia } from './media';
import type { ChatSession, Lang, Reply } from './types';

export type Accepted<S> = { ok: true; state: S } | { ok: false; error: string };

export interface FormStep<S> {
  id: string;
  prompt(lang: Lang, state: S): Reply;
  accept(text: string, state: S, lang: Lang): Accepted<S>;
}

export interface Form<S> {
  name: 'split' | 'mode';
  initial(): S;
  next(state: S): FormStep<S> | undefined;
}

const MAX_PARTIES = 10;

/**
 * `衢州 杭州`, `衢州、杭州`, `Quzhou City, Hangzhou City`: with a list separator present, names may
 * contain spaces; without one, spaces separate them.
 */
export function parseParties(text: string): string[] | undefined {
  const separated = /[,，、;；\n]|\s(?:和|与|and)\s/i.test(text);
  const names = text
    .split(separated ? /[,，、;；\n]+|\s+(?:和|与|and)\s+/i : /\s+/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  if (names.length < 2 || names.length > MAX_PARTIES) return undefined;
  if (new Set(names).size !== names.length) return undefined;
  if (names.some((n) => n.length > 40)) return undefined;
  return names;
}

/** `杭州 200万` → {party, amount}: the party must be one of the listed ones. */
function parsePartyAmount(text: string, parties: string[]): { party: string; amount: number } | undefined {
  const s = text.trim();
  const party = parties
    .slice()
    .sort((a, b) => b.length - a.length)
    .find((n) => s.startsWith(n));
  if (!party) return undefined;
  const amount = parseAmount(s.slice(party.length).replace(/^[\s:：,，]+/, ''));
  return amount !== undefined && amount >= 0 ? { party, amount } : undefined;
}

// ---------------------------------------------------------------- split ----

export interface SplitFormState {
  parties: string[];
  basis?: 'ratio' | 'contrib';
  ratio?: number[];
  contributions: Array<Record<string, number>>;
  revenue?: number;
  /** null: answered "none". */
  floor?: { party: string; amount: number } | null;
  years?: number | null;
  from?: number[];
  baseline?: { party: string; amount: number } | null;
}

function ratioOk(list: number[] | undefined, n: number): list is number[] {
  return !!list && list.length === n && list.every((x) => x >= 0 && Number.isFinite(x)) && list.some((x) => x > 0);
}

/** The parties step of both forms (they differ only in the question asked). */
function partiesStep<S extends { parties: string[] }>(ask: (m: Messages) => string): FormStep<S> {
  return {
    id: 'parties',
    prompt: (lang) => ({ blocks: [p(ask(t(lang)))] }),
    accept: (text, s, lang) => {
      const parties = parseParties(text);
      return parties ? { ok: true, state: { ...s, parties } } : { ok: false, error: t(lang).badParties };
    },
  };
}

const splitPartiesStep = partiesStep<SplitFormState>((m) => m.askParties);

/** `杭州 土地 300万 资金 200万`: one kind of input and its amount per pair. */
const CONTRIBUTION = /([^\d\s,，:：=;；.-][^\d\s,，:：=;；]*)\s*[:：=]?\s*(\d+(?:\.\d+)?\s*(?:亿元|万元|亿|万|元|million|billion)?)/gi;

const basisStep: FormStep<SplitFormState> = {
  id: 'basis',
  prompt: (lang) => ({
    blocks: [p(t(lang).askBasis)],
    buttons: [[{ label: `1 ${t(lang).basisRatio}`, action: '1' }, { label: `2 ${t(lang).basisContrib}`, action: '2' }]],
  }),
  accept: (text, s, lang) => {
    const v = text.trim();
    if (/^(1|比例|约定|约定比例|ratio|agreed( ratio)?)$/i.test(v)) return { ok: true, state: { ...s, basis: 'ratio' } };
    if (/^(2|投入|出资|按投入|按出资|contrib\w*)$/i.test(v)) return { ok: true, state: { ...s, basis: 'contrib' } };
    return { ok: false, error: t(lang).badBasis };
  },
};

const ratioStep: FormStep<SplitFormState> = {
  id: 'ratio',
  prompt: (lang, s) => ({ blocks: [p(t(lang).askRatio(s.parties))] }),
  accept: (text, s, lang) => {
    const list = parseNumberList(text);
    return ratioOk(list, s.parties.length) ? { ok: true, state: { ...s, ratio: list } } : { ok: false, error: t(lang).badRatio(s.parties.length) };
  },
};

function contribStep(i: number): FormStep<SplitFormState> {
  return {
    id: `contrib:${i}`,
    prompt: (lang, s) => ({ blocks: [p(t(lang).askContrib(s.parties[i]))] }),
    accept: (text, s, lang) => {
      const pairs = [...text.matchAll(CONTRIBUTION)];
      const rest = text.replace(CONTRIBUTION, '').replace(/[\s,，;；]/g, '');
      const entry: Record<string, number> = {};
      for (const m of pairs) {
        const v = parseAmount(m[2]);
        if (v === undefined || v < 0) return { ok: false, error: t(lang).badContrib };
        entry[m[1]] = (entry[m[1]] ?? 0) + v;
      }
      if (!pairs.length || rest.length) return { ok: false, error: t(lang).badContrib };
      const contributions = s.contributions.slice();
      contributions[i] = entry;
      return { ok: true, state: { ...s, contributions } };
    },
  };
}

const revenueStep: FormStep<SplitFormState> = {
  id: 'revenue',
  prompt: (lang) => ({ blocks: [p(t(lang).askRevenue)] }),
  accept: (text, s, lang) => {
    const v = parseAmount(text);
    return v !== undefined && v > 0 && v < 1e15 ? { ok: true, state: { ...s, revenue: v } } : { ok: false, error: t(lang).badRevenue };
  },
};

const floorStep: FormStep<SplitFormState> = {
  id: 'floor',
  prompt: (lang, s) => ({ blocks: [p(t(lang).askFloor(s.parties), ' ', t(lang).skipHint)] }),
  accept: (text, s, lang) => {
    if (isNone(text)) return { ok: true, state: { ...s, floor: null } };
    const pa = parsePartyAmount(text, s.parties);
    return pa && pa.amount <= (s.revenue ?? 0) ? { ok: true, state: { ...s, floor: pa } } : { ok: false, error: t(lang).badFloor(s.parties) };
  },
};

const bufferStep: FormStep<SplitFormState> = {
  id: 'buffer',
  prompt: (lang) => ({ blocks: [p(t(lang).askBuffer)] }),
  accept: (text, s, lang) => {
    if (isNone(text)) return { ok: true, state: { ...s, years: null } };
    const n = parseAmount(text.replace(/\s*(年|years?)$/i, ''));
    return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 30 ? { ok: true, state: { ...s, years: n } } : { ok: false, error: t(lang).badBuffer };
  },
};

const bufferFromStep: FormStep<SplitFormState> = {
  id: 'bufferFrom',
  prompt: (lang, s) => ({ blocks: [p(t(lang).askBufferFrom(s.parties))] }),
  accept: (text, s, lang) => {
    const list = parseNumberList(text);
    return ratioOk(list, s.parties.length) ? { ok: true, state: { ...s, from: list } } : { ok: false, error: t(lang).badRatio(s.parties.length) };
  },
};

const baselineStep: FormStep<SplitFormState> = {
  id: 'baseline',
  prompt: (lang, s) => ({ blocks: [p(t(lang).askBaseline(s.parties))] }),
  accept: (text, s, lang) => {
    if (isNone(text)) return { ok: true, state: { ...s, baseline: null } };
    const pa = parsePartyAmount(text, s.parties);
    return pa && pa.amount < (s.revenue ?? 0) ? { ok: true, state: { ...s, baseline: pa } } : { ok: false, error: t(lang).badBaseline(s.parties) };
  },
};

export const splitForm: Form<SplitFormState> = {
  name: 'split',
  initial: () => ({ parties: [], contributions: [] }),
  next(s) {
    if (!s.parties.length) return splitPartiesStep;
    if (!s.basis) return basisStep;
    if (s.basis === 'ratio' && !s.ratio) return ratioStep;
    if (s.basis === 'contrib') {
      const i = s.parties.findIndex((_, k) => !s.contributions[k]);
      if (i >= 0) return contribStep(i);
    }
    if (s.revenue === undefined) return revenueStep;
    if (s.floor === undefined) return floorStep;
    if (s.years === undefined) return bufferStep;
    if (s.years && !s.from) return bufferFromStep;
    if (s.baseline === undefined) return baselineStep;
    return undefined;
  },
};

/** The finished form as calculator input (the `split --json` contract of the tools). */
export function splitFormInput(s: SplitFormState): Record<string, unknown> {
  const parties = s.parties.map((name, i) => ({
    name,
    ...(s.basis === 'ratio' ? { share: s.ratio![i] } : { contributions: s.contributions[i] }),
    ...(s.floor && s.floor.party === name ? { floor: s.floor.amount } : {}),
  }));
  return {
    revenue: s.revenue,
    parties,
    ...(s.baseline ? { baseline: { amount: s.baseline.amount, owner: s.baseline.party } } : {}),
    ...(s.years && s.from ? { transition: { years: s.years, from: Object.fromEntries(s.parties.map((n, i) => [n, s.from![i]])) } } : {}),
  };
}

// ----------------------------------------------------------------- mode ----

export interface ModeFormState {
  parties: string[];
  /** `mf:<key>` for a button, else the typed text. */
  direction?: string;
  who?: string;
  more?: string;
}

/** What each button of the mode form means, as the classifier's structured answers. */
const MODE_ANSWERS: Record<string, ModeAnswers> = {
  forward: { moreDeveloped: 'origin', productionLocation: 'less_developed' },
  reverse: { moreDeveloped: 'host', rdLocation: 'developed', productionLocation: 'less_developed' },
  twoway: { text: '双方互设园区，双向共建，互为飞地。' },
  relay: { nodes: 3, text: '起始飞地、中继飞地、终端飞地接力合作。' },
  village: { participants: ['village_collectives'], flows: ['land_quota', 'capital'] },
  eco: { participants: ['eco_function_county'] },
  talent: { flows: ['talent', 'training', 'jobs'] },
  none: {},
};

function choiceStep(id: 'direction' | 'who', keys: string[]): FormStep<ModeFormState> {
  return {
    id,
    prompt: (lang) => {
      const m = t(lang);
      const label: Record<string, string> = {
        forward: m.modeDirForward,
        reverse: m.modeDirReverse,
        twoway: m.modeDirTwoWay,
        relay: m.modeDirRelay,
        village: m.modeWhoVillage,
        eco: m.modeWhoEco,
        talent: m.modeWhoTalent,
        none: m.modeWhoNone,
      };
      return { blocks: [p(id === 'direction' ? m.askModeDirection : m.askModeWho)], buttons: keys.map((k) => [{ label: label[k], action: `mf:${k}` }]) };
    },
    accept: (text, s, lang) => {
      const v = text.trim();
      const key = /^mf:(\w+)$/.exec(v)?.[1];
      if (key && keys.includes(key)) return { ok: true, state: { ...s, [id]: `mf:${key}` } };
      if (v.length >= 4) return { ok: true, state: { ...s, [id]: v } };
      return { ok: false, error: t(lang).badChoice };
    },
  };
}

const modePartiesStep = partiesStep<ModeFormState>((m) => m.askModeParties);

const modeMoreStep: FormStep<ModeFormState> = {
  id: 'more',
  prompt: (lang) => ({ blocks: [p(t(lang).askModeMore)] }),
  accept: (text, s) => ({ ok: true, state: { ...s, more: isNone(text) ? '' : text.trim().slice(0, 1000) } }),
};

export const modeForm: Form<ModeFormState> = {
  name: 'mode',
  initial: () => ({ parties: [] }),
  next(s) {
    if (!s.parties.length) return modePartiesStep;
    if (s.direction === undefined) return choiceStep('direction', ['forward', 'reverse', 'twoway', 'relay']);
    if (s.who === undefined) return choiceStep('who', ['village', 'eco', 'talent', 'none']);
    if (s.more === undefined) return modeMoreStep;
    return undefined;
  },
};

/** The answers for the classifier: button choices as structured answers, typed text as the description. */
export function modeFormInput(s: ModeFormState): ModeAnswers & { text: string } {
  const texts = [`${s.parties.join('与')}开展合作。`];
  let merged: ModeAnswers = {};
  for (const v of [s.direction, s.who]) {
    if (!v) continue;
    const key = /^mf:(\w+)$/.exec(v)?.[1];
    const { text, participants, flows, ...rest } = (key ? MODE_ANSWERS[key] : undefined) ?? { text: v };
    if (text) texts.push(text);
    merged = {
      ...merged,
      ...rest,
      ...(participants ? { participants: [...(merged.participants ?? []), ...participants] } : {}),
      ...(flows ? { flows: [...(merged.flows ?? []), ...flows] } : {}),
    };
  }
  if (s.more) texts.push(s.more);
  return { ...merged, text: texts.join('') };
}

/**
 * The reply that ends a guided form: the calculator's or classifier's result (bot and terminal
 * alike). Given the session (channels that send pictures), the split comes with its chart and the
 * Excel button.
 */
export function finishSplitForm(state: SplitFormState, lang: Lang, services: ChatServices, mediaSession?: ChatSession): Reply {
  try {
    const input = splitFormInput(state);
    const result = services.computeSplit(input);
    const reply = splitReply(result, lang, services);
    return mediaSession ? withSplitMedia(reply, result, { input }, mediaSession, lang) : reply;
  } catch (e) {
    if (!isUserError(e)) throw e;
    return splitErrorReply(e.message, lang);
  }
}

export function finishModeForm(state: ModeFormState, lang: Lang, services: ChatServices): Reply {
  return modeReply(services.classifyMode(modeFormInput(state)), lang, services);
}
