/** The chart language (the same values as the chat's Lang; declared here so charts depend on nothing in chat). */
export type ChartLang = 'zh' | 'en';
