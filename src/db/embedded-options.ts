import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';

/**
 * Postgres settings of the embedded database, on top of PGlite's own. Postgres's default 128 MB of
 * shared buffers lives in the WebAssembly memory, which never shrinks; with 16 MB Postgres reads the
 * other pages from the operating system's file cache, and ingest took no more CPU time (bench/ingest.ts).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

let wasmTieringOff = false;

/**
 * The options every embedded database opens with. The first call also turns off V8's recompilation of
 * hot WebAssembly: V8 compiles PGlite's WebAssembly (9 MB: Postgres itself) quickly with its baseline
 * compiler, then recompiles the functions that run most with its optimising one, in background threads.
 * That recompilation of Postgres's largest functions (the SQL parser, the executor) took 300–400 MB of
 * memory at its peak, more than the database itself, and more CPU time than it saved in a CLI command
 * or an ingest (bench/memory.ts, bench/ingest.ts). The flags concern WebAssembly only: JavaScript and
 * native Postgres are unchanged. They must be set before PGlite compiles its module.
 */
export function embeddedOptions(): { startParams: string[] } {
  if (!wasmTieringOff) {
    wasmTieringOff = true;
    v8.setFlagsFromString('--no-wasm-tier-up');
    v8.setFlagsFromString('--no-wasm-dynamic-tiering');
  }
  return { startParams: START_PARAMS };
}
