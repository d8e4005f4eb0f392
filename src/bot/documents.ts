/**
 * Documents through Telegram: an administrator (ADMIN_USER_IDS) sends a .txt/.md/.docx/.pdf file and
 * it is imported and indexed; `/docs` lists the corpus with a remove button under each added
 * document (asking for confirmation). Everyone else is told politely that only administrators add
 * documents. The work itself is the DocumentLibrary's (src/documents/library.ts).
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { Logger } from 'pino';
import type { DocumentLibrary } from '../documents/library';
import { DocumentRejected, MAX_BYTES } from '../documents/rejection';
import type { Lang } from '../chat/types';
import { escapeHtml } from './html';
import { langOf, type BotContext } from './context';

const TEXT = {
  zh: {
    notAdmin: '感谢您提供文件！目前只有管理员可以向语料库添加文件。如有需要收录的政策文件，请联系管理员。',
    importing: (name: string) => `正在导入 ${name}，并重建检索索引，请稍候……`,
    added: (title: string, n: number) => `已添加《${title}》：${n} 个段落，现在可以据此回答问题。`,
    sections: '识别到的章节：',
    noSections: '（未识别到章节标题，全文按段落检索。）',
    questions: '现在可以回答的问题，例如：',
    noQuestions: '（按章节生成的示例问题都未能以这份文件作答，请直接提问试试。）',
    tooBig: (mb: string) => `文件有 ${mb}，超过 20 MB 的上限；请拆分后分别发送。`,
    download: '下载文件失败，请再发送一次。',
    list: '语料库中的文件：',
    shipped: '随程序提供',
    addedTag: '已添加',
    passages: (n: number) => `${n} 个段落`,
    removeButton: (title: string) => `删除：${title}`,
    confirm: (title: string) => `确定要删除《${title}》吗？删除后将不再据此回答问题。`,
    yes: '确认删除',
    no: '取消',
    removed: (title: string) => `已删除《${title}》，检索索引已更新。`,
    kept: '已取消，文件保留。',
    adminOnly: '只有管理员可以删除文件。',
    howToAdd: '管理员可直接发送 .txt、.md、.docx 或 .pdf 文件来添加。',
  },
  en: {
    notAdmin: 'Thank you for the file! Only administrators can add documents to the corpus; please ask one to add it.',
    importing: (name: string) => `Importing ${name} and rebuilding the search index…`,
    added: (title: string, n: number) => `Added “${title}”: ${n} passages, answered from now on.`,
    sections: 'Sections found:',
    noSections: '(No section headings found; the text is searched passage by passage.)',
    questions: 'Questions it can now answer, for example:',
    noQuestions: '(None of the questions made from its headings was answered from it; try asking directly.)',
    tooBig: (mb: string) => `The file is ${mb}, over the 20 MB limit; split it and send the parts.`,
    download: 'Downloading the file failed; please send it again.',
    list: 'Documents in the corpus:',
    shipped: 'shipped',
    addedTag: 'added',
    passages: (n: number) => `${n} passages`,
    removeButton: (title: string) => `Remove: ${title}`,
    confirm: (title: string) => `Remove “${title}”? Questions will no longer be answered from it.`,
    yes: 'Yes, remove',
    no: 'Cancel',
    removed: (title: string) => `Removed “${title}”; the search index is updated.`,
    kept: 'Cancelled; the document stays.',
    adminOnly: 'Only administrators can remove documents.',
    howToAdd: 'Administrators add a document by sending a .txt, .md, .docx or .pdf file.',
  },
} as const;

function lang(ctx: BotContext): Lang {
  return langOf(ctx, true);
}

const short = (s: string, n = 28) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface DocumentsPluginOptions {
  library: DocumentLibrary;
  token: string;
  apiRoot?: string;
  log: Logger;
}

async function download(opts: DocumentsPluginOptions, ctx: BotContext, fileId: string): Promise<Buffer> {
  const file = await ctx.api.getFile(fileId);
  if (!file.file_path) throw new Error('getFile returned no file_path');
  const root = (opts.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  const res = await fetch(`${root}/file/bot${opts.token}/${file.file_path}`, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`file download answered ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new DocumentRejected('too-large', { file: file.file_path, detail: `${(bytes.length / 1024 / 1024).toFixed(1)} MB` });
  return bytes;
}

export function documentsPlugin(opts: DocumentsPluginOptions): Composer<BotContext> {
  const { library, log } = opts;
  const c = new Composer<BotContext>();

  c.on('message:document', async (ctx) => {
    ctx.turn.intent = 'other';
    const m = TEXT[lang(ctx)];
    if (!library.isAdmin(ctx.from?.id)) {
      ctx.turn.outcome = 'refused';
      await ctx.reply(m.notAdmin);
      return;
    }
    const doc = ctx.msg.document;
    const name = doc.file_name ?? 'document';
    if ((doc.file_size ?? 0) > MAX_BYTES) {
      ctx.turn.outcome = 'user_error';
      await ctx.reply(m.tooBig(`${((doc.file_size ?? 0) / 1024 / 1024).toFixed(1)} MB`));
      return;
    }
    ctx.chatAction = 'upload_document';
    await ctx.reply(m.importing(name));
    let bytes: Buffer;
    try {
      bytes = await download(opts, ctx, doc.file_id);
    } catch (e) {
      ctx.turn.outcome = 'user_error';
      await ctx.reply(e instanceof DocumentRejected ? e.text(lang(ctx)) : m.download);
      if (!(e instanceof DocumentRejected)) log.warn({ err: { message: e instanceof Error ? e.message : String(e) } }, 'document download failed');
      return;
    }
    try {
      const r = await library.add({ bytes, fileName: name });
      ctx.turn.outcome = 'ok';
      const lines = [`<b>${escapeHtml(m.added(r.title, r.chunks))}</b>`, ''];
      if (r.sections.length) lines.push(escapeHtml(m.sections), ...r.sections.slice(0, 12).map((s) => `• ${escapeHtml(s)}`));
      else lines.push(escapeHtml(m.noSections));
      lines.push('');
      if (r.questions.length) lines.push(escapeHtml(m.questions), ...r.questions.map((q) => `• ${escapeHtml(q)}`));
      else lines.push(escapeHtml(m.noQuestions));
      await ctx.reply(lines.join('\n'), { parse_mode: 'HTML' });
      log.info({ component: 'documents', id: r.id, chunks: r.chunks }, 'document added');
    } catch (e) {
      if (!(e instanceof DocumentRejected)) throw e;
      ctx.turn.outcome = 'user_error';
      await ctx.reply(e.text(lang(ctx)));
    }
  });

  c.command('docs', async (ctx) => {
    ctx.turn.intent = 'command';
    ctx.turn.outcome = 'ok';
    const m = TEXT[lang(ctx)];
    const rows = library.list();
    const admin = library.isAdmin(ctx.from?.id);
    const text = [
      m.list,
      ...rows.map((r, i) => `${i + 1}. ${r.title} (${r.source}; ${r.shipped ? m.shipped : m.addedTag}; ${m.passages(r.chunks)})`),
      ...(admin ? ['', m.howToAdd] : []),
    ].join('\n');
    const kb = new InlineKeyboard();
    if (admin) for (const r of rows.filter((x) => x.added)) kb.text(m.removeButton(short(r.title)), `docs:rm:${r.id}`).row();
    await ctx.reply(text, kb.inline_keyboard.length ? { reply_markup: kb } : {});
  });

  c.callbackQuery(/^docs:(rm|yes|no):?(.*)$/, async (ctx) => {
    ctx.turn.intent = 'action';
    await ctx.answerCallbackQuery().catch(() => undefined);
    const m = TEXT[lang(ctx)];
    if (!library.isAdmin(ctx.from?.id)) {
      ctx.turn.outcome = 'refused';
      await ctx.reply(m.adminOnly);
      return;
    }
    const [, step, id] = ctx.match;
    const row = library.list().find((r) => r.id === id);
    if (step === 'no') {
      ctx.turn.outcome = 'ok';
      await ctx.reply(m.kept);
      return;
    }
    if (!row || row.shipped) {
      ctx.turn.outcome = 'user_error';
      await ctx.reply(new DocumentRejected(row?.shipped ? 'shipped' : 'unknown-id', { other: id }).text(lang(ctx)));
      return;
    }
    if (step === 'rm') {
      ctx.turn.outcome = 'clarify';
      await ctx.reply(m.confirm(row.title), { reply_markup: new InlineKeyboard().text(m.yes, `docs:yes:${row.id}`).text(m.no, 'docs:no') });
      return;
    }
    try {
      const removed = await library.remove(row.id);
      ctx.turn.outcome = 'ok';
      await ctx.reply(m.removed(removed.title));
    } catch (e) {
      if (!(e instanceof DocumentRejected)) throw e;
      ctx.turn.outcome = 'user_error';
      await ctx.reply(e.text(lang(ctx)));
    }
  });

  return c;
}
