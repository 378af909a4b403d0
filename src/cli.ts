import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { aliasesCommand } from './cli/aliases.ts';
import { askCommand } from './cli/ask.ts';
import { commitCommand } from './cli/commit.ts';
import { commitmentsCommand } from './cli/commitments.ts';
import { digestCommand } from './cli/digest.ts';
import { ingestCommand } from './cli/ingest.ts';
import { migrateCommand } from './cli/migrate.ts';
import { reindexCommand } from './cli/reindex.ts';
import { searchCommand } from './cli/search.ts';
import { serveCommand } from './cli/serve.ts';
import { type CliCommand, type CliIO, UsageError } from './cli/types.ts';
import { type Config, ConfigError, parseConfig } from './config.ts';
import { type AppContext, openAppContext } from './context.ts';
import { MigrationError } from './db/migrate.ts';
import { DatabaseError } from './db/pool.ts';
import { prepareDatabase } from './db/prepare.ts';

const commands: CliCommand[] = [
  migrateCommand,
  ingestCommand,
  searchCommand,
  askCommand,
  reindexCommand,
  aliasesCommand,
  commitCommand,
  commitmentsCommand,
  digestCommand,
  serveCommand,
];

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'usage: minutebook <command> [options]',
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'minutebook <command> --help shows the options of a command.',
  ].join('\n');
}

export interface RunCliOptions {
  env: Record<string, string | undefined>;
  io: CliIO;
}

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failure, 2 bad usage. */
export async function runCli(argv: string[], { env, io }: RunCliOptions): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(version);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`minutebook: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`minutebook ${name}: ${(error as Error).message}\nusage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`${command.summary}\nusage: ${command.usage}`);
    return 0;
  }
  let config: Config;
  try {
    config = parseConfig(env);
  } catch (error) {
    io.err(`minutebook: ${(error as Error).message}`);
    return 1;
  }
  let context: AppContext | undefined;
  try {
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      io,
      config,
      async context() {
        if (!context) {
          context = await openAppContext(config);
          if (!command.manualMigrations) await prepareDatabase(context.db.pool);
        }
        return context;
      },
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`minutebook ${name}: ${error.message}\nusage: ${command.usage}`);
      return 2;
    }
    if (error instanceof DatabaseError || error instanceof MigrationError || error instanceof ConfigError) {
      io.err(`minutebook: ${error.message}`);
      return 1;
    }
    context?.logger.error({ err: error, command: name }, 'command failed');
    io.err(`minutebook ${name}: ${(error as Error).message ?? String(error)}`);
    return 1;
  } finally {
    await context?.db.close();
  }
}
