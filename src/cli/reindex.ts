import { reindex } from '../search/reindex.ts';
import { jsonOutput } from './json.ts';
import type { CliCommand } from './types.ts';

export const reindexCommand: CliCommand = {
  name: 'reindex',
  usage: 'minutebook reindex [--all] [--json]',
  options: { all: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, io, context }) {
    const ctx = await context();
    const result = await reindex(ctx, {
      all: Boolean(values.all),
      onProgress: io.isTTY ? (done) => io.err(`re-embedded ${done} chunks`) : undefined,
    });
    io.out(
      values.json
        ? jsonOutput(result)
        : `re-embedded ${result.reembedded} chunks with ${result.model} (${result.dims} dimensions)`,
    );
    return 0;
  },
};
