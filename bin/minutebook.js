#!/usr/bin/env -S node --max-semi-space-size=4
// --max-semi-space-size=4 (also in package.json's scripts and the Dockerfile): V8's young generation
// grows to 16-64 MB per semi-space on a machine with much memory, and garbage between collections
// kept ingest ~110 MB higher for no saving in CPU time (bench/ingest.ts). It must be given at start.
// Minutebook runs its TypeScript sources directly (Node >= 22.12 strips types). On an older system
// Node, re-run with the Node 24 that `npm install` placed in node_modules (the `node` devDependency).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  const bundled = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(bundled)) {
    console.error(
      `minutebook needs Node.js >= 22.12 (this is ${process.versions.node}); run npm install first.`,
    );
    process.exit(1);
  }
  const child = spawnSync(
    bundled,
    ['--max-semi-space-size=4', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(child.status ?? 1);
}
// V8 keeps the compiled code of every module it loads in a cache on disk (NODE_COMPILE_CACHE, else the
// system temp folder), so later starts skip parsing: about a third of the import time of a command.
module.enableCompileCache?.();
await import('../src/main.ts');
