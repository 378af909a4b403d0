import { prepareDatabase } from '../db/prepare.ts';
import { jsonOutput } from './json.ts';
import type { CliCommand } from './types.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'minutebook migrate [--json]',
  options: { json: { type: 'boolean' } },
  manualMigrations: true,
  async run({ values, io, context }) {
    const { db } = await context();
    const result = await prepareDatabase(db.pool);
    if (values.json) {
      io.out(jsonOutput(result));
    } else if (result.applied.length === 0) {
      io.out(`schema up to date (${result.alreadyApplied.length} migrations applied earlier)`);
    } else {
      io.out(`applied ${result.applied.join(', ')}`);
    }
    return 0;
  },
};
