/**
 * One colour per party, in party order: distinct hues that stay apart in print and for the common
 * colour-vision deficiencies (Okabe–Ito order, darkened for white backgrounds), then ECharts' own.
 */
export const PARTY_COLOURS = ['#1f6fd1', '#e07b00', '#2a9d5c', '#c0392b', '#7b4fb3', '#8c6d31', '#d6529b', '#5d6d7e', '#17a2b8', '#b5a000'];

export function partyColour(i: number): string {
  return PARTY_COLOURS[i % PARTY_COLOURS.length];
}
