/** What a parser found in a file, before cleaning. */
export type DocumentFormat = 'txt' | 'md' | 'docx' | 'pdf';

export interface SourceLine {
  text: string;
  /** A heading whose level the file itself states (Markdown `#`, a Word heading style): 1 = title. */
  heading?: number;
  /** A paragraph boundary comes before this line (a blank line, a new Word paragraph). */
  breakBefore?: boolean;
}

export interface Extracted {
  format: DocumentFormat;
  /** Lines of each page (one page for files without pages). */
  pages: SourceLine[][];
  /** The title the file's metadata gives (PDF Title), if any. */
  metaTitle?: string;
  /**
   * How lines become paragraphs: `blocks` — lines between boundaries are one paragraph (Markdown,
   * Word); `layout` — lines are a wrapped column, a paragraph ends at a sentence end on a short line
   * (PDF); `auto` — decide from the text (plain text may be either).
   */
  lineMode: 'blocks' | 'layout' | 'auto';
}
