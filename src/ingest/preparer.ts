import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { type LoadedDocument, SkipError } from './loaders/types.ts';
import type { Prepared } from './prepare.ts';
import type { PrepareRequest, PrepareResponse } from './prepare-worker.ts';

/** Prepares documents for storage (./prepare.ts), on this thread or in a worker thread. */
export interface Preparer {
  prepare(loaded: LoadedDocument, name: string, order: 'DMY' | 'MDY'): Promise<Prepared>;
  close(): Promise<void>;
}

/**
 * Prepares on the calling thread. Its code (the gloss, language detection, date parsing) is loaded
 * on first use, so that a batch whose worker prepares every document never loads it here.
 */
export const inlinePreparer: Preparer = {
  prepare: async (loaded, name, order) => (await import('./prepare.ts')).prepare(loaded, name, order),
  close: async () => {},
};

/**
 * The worker's heap. Its lexicons and one document take about 50 MB; unbounded, V8 let the heap grow
 * to 120 MB before collecting, and the ingestion's peak RSS to 397–409 MiB (bench/ingest.ts; 366–384
 * MiB with this bound, 327–341 MiB once the main thread stopped loading the preparation's code too).
 * A document that needs more stops the worker and is prepared on the main thread.
 */
const WORKER_HEAP_MB = 96;

/**
 * Prepares in one worker thread, so that a batch prepares its next document (cleaning, chunking and
 * glossing: about a quarter of an embedded ingestion's CPU time) while the main thread stores the
 * current one (the embedded database works on the main thread). If the worker stops (out of memory,
 * say), the documents it held and every later one are prepared on the main thread instead: nothing
 * is lost, the batch only slows down. `heapMb`: the worker's old-generation limit (tests).
 */
export function workerPreparer(logger: Logger, heapMb = WORKER_HEAP_MB): Preparer {
  type Waiting = {
    request: PrepareRequest;
    resolve: (prepared: Prepared) => void;
    reject: (error: Error) => void;
  };
  const pending = new Map<number, Waiting>();
  let nextId = 0;
  let worker: Worker | null = new Worker(new URL('./prepare-worker.ts', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  const inline = ({ request, resolve, reject }: Waiting) =>
    inlinePreparer.prepare(request.loaded, request.name, request.order).then(resolve, reject);
  const stopped = (error: Error) => {
    if (!worker) return;
    worker = null;
    logger.warn(
      { err: error, documents: pending.size },
      'the ingestion worker stopped: preparing documents on the main thread',
    );
    const held = [...pending.values()];
    pending.clear();
    for (const waiting of held) void inline(waiting);
  };
  worker.on('message', (response: PrepareResponse) => {
    const waiting = pending.get(response.id);
    if (!waiting) return;
    pending.delete(response.id);
    if ('prepared' in response) waiting.resolve(response.prepared);
    else if ('skip' in response) waiting.reject(new SkipError(response.skip));
    else waiting.reject(Object.assign(new Error(response.error), { stack: response.stack }));
  });
  worker.on('error', stopped);
  worker.on('exit', (code) => stopped(new Error(`ingestion worker exited with code ${code}`)));
  return {
    prepare(loaded, name, order) {
      if (!worker) return inlinePreparer.prepare(loaded, name, order);
      const request: PrepareRequest = { id: nextId++, loaded, name, order };
      const done = new Promise<Prepared>((resolve, reject) =>
        pending.set(request.id, { request, resolve, reject }),
      );
      worker.postMessage(request);
      return done;
    },
    async close() {
      const stopping = worker;
      worker = null;
      await stopping?.terminate();
    },
  };
}
