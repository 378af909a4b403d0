import path from 'node:path';
import { SkipError } from './types.ts';

export interface FetchedFile {
  name: string;
  bytes: Uint8Array;
  mimeType?: string;
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** Downloads a URL with a timeout and a size limit (checked on Content-Length and while streaming). */
export async function fetchUrl(url: string, { timeoutMs, maxBytes }: FetchLimits): Promise<FetchedFile> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        signal: controller.signal,
        redirect: 'follow',
        headers: { accept: 'text/html, text/plain, text/markdown, application/pdf, */*;q=0.5' },
      });
    } catch (error) {
      if (controller.signal.aborted) throw new SkipError(`download timed out after ${timeoutMs} ms`);
      throw new SkipError(`download failed: ${describe(error)}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new SkipError(`download failed: HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new SkipError(`too large: ${declared} bytes (limit ${maxBytes})`);
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const part of response.body ?? []) {
        size += part.byteLength;
        if (size > maxBytes) {
          controller.abort();
          throw new SkipError(`too large: more than ${maxBytes} bytes`);
        }
        parts.push(part);
      }
    } catch (error) {
      if (error instanceof SkipError) throw error;
      if (controller.signal.aborted) throw new SkipError(`download timed out after ${timeoutMs} ms`);
      throw new SkipError(`download failed: ${describe(error)}`);
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.byteLength;
    }
    const mimeType = response.headers.get('content-type') ?? undefined;
    const pathname = new URL(response.url || url).pathname;
    return { name: path.posix.basename(pathname) || 'index', bytes, mimeType };
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
