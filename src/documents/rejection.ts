/**
 * Why a document was not added (or removed), as one line a person can act on, in English (CLI, logs)
 * and Chinese (the bot's default language). Thrown as a UserError, so the CLI prints it as one line
 * with a non-zero exit.
 */
import { UserError } from '../errors';

export type RejectionCode =
  | 'empty'
  | 'unsupported'
  | 'too-large'
  | 'too-long'
  | 'scanned'
  | 'encrypted'
  | 'corrupt'
  | 'duplicate'
  | 'same-name'
  | 'busy'
  | 'shipped'
  | 'unknown-id'
  | 'unreadable';

export interface RejectionParams {
  file?: string;
  /** The document already present (duplicate, same-name) or asked for (shipped, unknown-id). */
  other?: string;
  detail?: string;
}

export const MAX_BYTES = 20 * 1024 * 1024;
export const MAX_PAGES = 500;
/** Text documents have no pages: 500 dense pages of Chinese, about 2000 characters each. */
export const MAX_CHARS = MAX_PAGES * 2000;
export const FORMATS = ['.txt', '.md', '.docx', '.pdf'] as const;

const EN: Record<RejectionCode, (p: RejectionParams) => string> = {
  empty: (p) => `${p.file} is empty (no text in it); add a file with the document's text.`,
  unsupported: (p) => `${p.file} is not a supported type${p.detail ? ` (${p.detail})` : ''}; add a .txt, .md, .docx or .pdf file (save a .doc or .wps as .docx first).`,
  'too-large': (p) => `${p.file} is larger than 20 MB (${p.detail}); split it into parts under 20 MB and add each.`,
  'too-long': (p) => `${p.file} is longer than 500 pages (${p.detail}); split it into parts of at most 500 pages and add each.`,
  scanned: (p) => `${p.file} is a scanned PDF: its pages are images without a text layer. Run OCR on it first (e.g. ocrmypdf --language chi_sim in.pdf out.pdf) and add the result.`,
  encrypted: (p) => `${p.file} is password-protected${p.detail ? ` (${p.detail})` : ''}; remove the password (save an unprotected copy) and add that.`,
  corrupt: (p) => `${p.file} cannot be read as ${p.detail ?? 'a document'}: the file is damaged or not what its name says. Open and save it again, or export it as .txt.`,
  duplicate: (p) => `${p.file} is already present: already in the corpus as ${p.other}. Nothing was added.`,
  'same-name': (p) => `A document named ${p.file} is already in the corpus (${p.other}); remove it first (docs remove ${p.detail}) or rename the new file.`,
  busy: () => 'Another import or removal is running on this documents folder; try again in a minute.',
  shipped: (p) => `${p.other} is one of the five shipped papers and cannot be removed; only documents you added can (see docs list).`,
  'unknown-id': (p) => `No added document has the id ${p.other}; type an id from docs list, e.g. docs remove doc-1a2b3c4d5e.`,
  unreadable: (p) => `${p.file} could not be read (${p.detail}); check the path and permissions.`,
};

const ZH: Record<RejectionCode, (p: RejectionParams) => string> = {
  empty: (p) => `${p.file} 是空文件（没有文字），请发送含有文件正文的文件。`,
  unsupported: (p) => `${p.file} 的格式不受支持${p.detail ? `（${p.detail}）` : ''}；请发送 .txt、.md、.docx 或 .pdf 文件（.doc、.wps 请先另存为 .docx）。`,
  'too-large': (p) => `${p.file} 超过 20 MB（${p.detail}），请拆分成小于 20 MB 的几部分分别添加。`,
  'too-long': (p) => `${p.file} 超过 500 页（${p.detail}），请拆分成每份不超过 500 页后分别添加。`,
  scanned: (p) => `${p.file} 是扫描版 PDF：页面是图片，没有文字层。请先做 OCR 文字识别（例如 ocrmypdf --language chi_sim），再添加识别后的文件。`,
  encrypted: (p) => `${p.file} 设有密码保护，请先去除密码（另存一份不加密的副本）再添加。`,
  corrupt: (p) => `${p.file} 无法按 ${p.detail ?? '文档'} 读取：文件已损坏或与扩展名不符。请重新打开并保存，或导出为 .txt 后添加。`,
  duplicate: (p) => `${p.file} 已经在语料库中（already present）：与 ${p.other} 内容相同，未重复添加。`,
  'same-name': (p) => `语料库中已有名为 ${p.file} 的文件（${p.other}）；请先删除它，或给新文件改名。`,
  busy: () => '另一个文件正在导入或删除，请一分钟后再试。',
  shipped: (p) => `“${p.other}”是随程序提供的五篇论文之一，不能删除；只能删除管理员添加的文件。`,
  'unknown-id': (p) => `没有编号为 ${p.other} 的已添加文件，请用 /docs 查看。`,
  unreadable: (p) => `${p.file} 读取失败（${p.detail}）。`,
};

export class DocumentRejected extends UserError {
  constructor(
    readonly code: RejectionCode,
    readonly params: RejectionParams = {},
  ) {
    super(EN[code](params));
    this.name = 'DocumentRejected';
  }

  text(lang: 'zh' | 'en'): string {
    return (lang === 'zh' ? ZH : EN)[this.code](this.params);
  }
}
