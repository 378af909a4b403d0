// Worker thread of a batch ingestion (./preparer.ts): prepares documents (cleaning, language,
// chunking, glosses) while the main thread stores the previous one.
import { parentPort } from 'node:worker_threads';
import { type LoadedDocument, SkipError } from './loaders/types.ts';
import { type Prepared, prepare } from './prepare.ts';

export interface PrepareRequest {
  id: number;
  loaded: LoadedDocument;
  name: string;
  order: 'DMY' | 'MDY';
}

export type PrepareResponse =
  | { id: number; prepared: Prepared }
  | { id: number; skip: string }
  | { id: number; error: string; stack?: string };

parentPort?.on('message', (request: PrepareRequest) => {
  let response: PrepareResponse;
  try {
    response = { id: request.id, prepared: prepare(request.loaded, request.name, request.order) };
  } catch (error) {
    response =
      error instanceof SkipError
        ? { id: request.id, skip: error.message }
        : { id: request.id, error: (error as Error).message ?? String(error), stack: (error as Error).stack };
  }
  parentPort?.postMessage(response);
});
