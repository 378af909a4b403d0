import { addAliases, listAliasGroups } from '../search/aliases.ts';
import { jsonOutput } from './json.ts';
import { type CliCommand, UsageError } from './types.ts';

export const aliasesCommand: CliCommand = {
  name: 'aliases',
  usage: 'minutebook aliases add "<name>" "<variant>"... | minutebook aliases list [--json]',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, io, context }) {
    const [action, ...names] = positionals;
    if (action === 'add') {
      if (names.length < 2) throw new UsageError('aliases add needs a name and at least one variant');
      const ctx = await context();
      const group = await addAliases(ctx.db.pool, names);
      io.out(values.json ? jsonOutput(group) : `${group.canonical}: ${group.aliases.join(' = ')}`);
      return 0;
    }
    if (action === 'list' || action === undefined) {
      if (names.length > 0) throw new UsageError('aliases list takes no arguments');
      const ctx = await context();
      const groups = await listAliasGroups(ctx.db.pool);
      if (values.json) io.out(jsonOutput(groups, 2));
      else for (const group of groups) io.out(`${group.canonical}: ${group.aliases.join(' = ')}`);
      return 0;
    }
    throw new UsageError(`unknown action '${action}' (add or list)`);
  },
};
