import { SkipError } from './types.ts';

/**
 * Decodes bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.
 * Refuses binary content (NUL bytes or many control characters), whatever the file is called.
 */
export function decodeText(bytes: Uint8Array, declaredCharset?: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) throw new SkipError('binary content, not text');
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.02) throw new SkipError('binary content, not text');
  const charset = declaredCharset?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label: fall through to UTF-8 detection.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
