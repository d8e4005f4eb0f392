/**
 * Romanised Chinese names (Lishui, Yinchuan, Xi'an): one pinyin syllable, toneless — an optional initial and a final.
 * Shared by the split parser (a capitalised word opening a sentence is a party only if it reads as a name) and the
 * advisor (two romanised names joined as a pair are places).
 */
export const PINYIN_SYLLABLE = '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|uai|uan|ang|eng|ing|ong|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)';
