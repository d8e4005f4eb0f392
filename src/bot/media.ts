/**
 * Sends a reply's attachment (src/chat/media) before its text: the chart as a photo with its
 * caption, the workbook as a document. A chart that fails to render or send is logged and the
 * text answer still goes out: the picture never replaces the numbers.
 */
import { InputFile, type Context } from 'grammy';
import type { Logger } from 'pino';
import { mediaText } from '../chat/media';
import type { Attachment, Reply } from '../chat/types';
import { sendReply } from './send';

type Renderers = typeof import('../charts') & typeof import('../export');
let renderers: Promise<Renderers> | undefined;

/** ECharts, resvg and exceljs are loaded at the first picture, not at start-up. */
function load(): Promise<Renderers> {
  renderers ??= Promise.all([import('../charts'), import('../export')]).then(([charts, xlsx]) => ({ ...charts, ...xlsx }));
  return renderers;
}

export async function renderAttachment(a: Attachment): Promise<Buffer> {
  const r = await load();
  switch (a.kind) {
    case 'split-chart':
      return r.splitChartPng(a.result, a.lang);
    case 'estimate-chart':
      return r.estimateChartPng(a.data, a.lang);
    case 'split-xlsx':
      return r.splitWorkbook(a.result, a.lang);
  }
}

function errInfo(e: unknown) {
  return { message: e instanceof Error ? e.message.split('\n')[0] : String(e) };
}

async function sendAttachment(ctx: Context & { chatAction?: unknown }, a: Attachment, log: Logger): Promise<void> {
  const isFile = a.kind === 'split-xlsx';
  let file: Buffer;
  try {
    file = await renderAttachment(a);
  } catch (e) {
    log.error({ err: errInfo(e), attachment: a.kind }, isFile ? 'spreadsheet failed to build' : 'chart failed to render; sending the text answer alone');
    if (isFile) await ctx.reply(mediaText(a.lang).excelFailed);
    return;
  }
  try {
    if (isFile) await ctx.replyWithDocument(new InputFile(file, a.filename), { caption: a.caption });
    else await ctx.replyWithPhoto(new InputFile(file, 'chart.png'), { caption: a.caption });
  } catch (e) {
    log.error({ err: errInfo(e), attachment: a.kind }, isFile ? 'spreadsheet could not be sent' : 'chart could not be sent; sending the text answer alone');
    if (isFile) await ctx.reply(mediaText(a.lang).excelFailed);
  }
}

/** The attachment first (if any), then the reply's text and buttons as usual. */
export async function sendWithMedia(ctx: Context, reply: Reply, log: Logger): Promise<void> {
  if (reply.attachment) await sendAttachment(ctx, reply.attachment, log);
  if (reply.blocks.length || reply.buttons?.length) await sendReply(ctx, reply);
}
