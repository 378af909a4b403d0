import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { type LoadedDocument, SkipError } from './types.ts';

/** The text layer of a PDF (pdf.js through unpdf). Scanned PDFs without text are skipped, not OCRed. */
export async function loadPdf(bytes: Uint8Array): Promise<LoadedDocument> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new SkipError('not a PDF (no %PDF header)');
  let pages: string[];
  let info: Record<string, unknown> = {};
  try {
    // pdf.js takes ownership of the buffer it is given: pass a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false });
    try {
      pages = (await extractText(pdf, { mergePages: false })).text;
      info = ((await getMeta(pdf)).info ?? {}) as Record<string, unknown>;
    } finally {
      await pdf.loadingTask.destroy();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/password/i.test(reason)) throw new SkipError('encrypted PDF (password protected)');
    throw new SkipError(`unreadable PDF: ${reason}`);
  }
  const text = pages
    .map((page) => page.replace(/[ \t]+\n/g, '\n').trim())
    .filter(Boolean)
    .join('\n\n');
  if (!/\p{L}/u.test(text)) throw new SkipError('PDF has no text layer (scanned? OCR is not supported)');
  const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
  return { text, title, format: 'pdf' };
}
