/**
 * Chat text → split (the public entry of the split-text parser; the grammar lives in ./split-parse).
 * Kept as its own module so callers import one stable path.
 */
export { parseSplitText, refusalLine, splitFromText, SplitHintsSchema, type SplitHints, type SplitQuestion, type SplitTextResult } from './split-parse';
