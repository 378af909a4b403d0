import path from 'node:path';
import { loadDocx } from './docx.ts';
import { loadHtml } from './html.ts';
import { loadMarkdown } from './markdown.ts';
import { loadPdf } from './pdf.ts';
import { decodeText } from './text.ts';
import { type LoadedDocument, SkipError } from './types.ts';

export { type LoadedDocument, SkipError } from './types.ts';

type Kind = LoadedDocument['format'];

const BY_EXTENSION: Record<string, Kind> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

const BY_MIME: Record<string, Kind> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

/**
 * The loader a file needs: by extension, else by MIME type (downloads: MIME first, since a page URL's
 * "extension" is often .php or .aspx); undefined when unsupported.
 */
export function kindOf(name: string, mimeType?: string, preferMime = false): Kind | undefined {
  const byExtension = BY_EXTENSION[path.extname(name).toLowerCase()];
  const mime = mimeType?.split(';')[0]?.trim().toLowerCase();
  const byMime = mime ? BY_MIME[mime] : undefined;
  return preferMime ? (byMime ?? byExtension) : (byExtension ?? byMime);
}

/** Extracts the text of one file. Throws SkipError with a reason for anything it cannot read. */
export async function loadBytes(
  name: string,
  bytes: Uint8Array,
  mimeType?: string,
  preferMime = false,
): Promise<LoadedDocument> {
  if (bytes.length === 0) throw new SkipError('empty file');
  const kind = kindOf(name, mimeType, preferMime);
  if (!kind) {
    const extension = path.extname(name).toLowerCase();
    throw new SkipError(
      `unsupported type ${extension || mimeType || '(no extension)'}; supported: ${SUPPORTED_EXTENSIONS.join(' ')}`,
    );
  }
  const charset = /charset=([\w-]+)/i.exec(mimeType ?? '')?.[1];
  switch (kind) {
    case 'text':
      return { text: decodeText(bytes, charset).replace(/^\uFEFF/, ''), format: 'text' };
    case 'markdown':
      return loadMarkdown(bytes);
    case 'html':
      return loadHtml(bytes, charset);
    case 'pdf':
      return loadPdf(bytes);
    case 'docx':
      return loadDocx(bytes);
  }
}
