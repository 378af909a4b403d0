import mammoth from 'mammoth';
import { type LoadedDocument, SkipError } from './types.ts';

/** The paragraphs of a Word document (mammoth). */
export async function loadDocx(bytes: Uint8Array): Promise<LoadedDocument> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new SkipError('not a DOCX (not a zip archive)');
  let text: string;
  try {
    const result = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    text = result.value;
  } catch (error) {
    throw new SkipError(`unreadable DOCX: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { text: text.replace(/\n{3,}/g, '\n\n').trim(), format: 'docx' };
}
