// Creates an embedded database (PGlite initdb and the vector extension) in a data folder, then exits.
// src/db/pool.ts runs it in a child process the first time a folder is opened: PGlite creates a new
// database with a second in-memory Postgres and initdb's own WebAssembly, ≈ 1.1 GB at the peak, and a
// process that did it keeps most of that memory for the rest of its life. The child gives it all back.
//
//   node src/db/create-embedded.ts <data folder>
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { embeddedOptions } from './embedded-options.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: node src/db/create-embedded.ts <data folder>\n');
  process.exit(2);
}
const lite = await PGlite.create({ dataDir, extensions: { vector }, ...embeddedOptions() });
await lite.exec('CREATE EXTENSION IF NOT EXISTS vector');
await lite.close();
