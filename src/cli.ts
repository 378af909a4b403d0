import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIO, UsageError } from './cli/types.ts';
import type { AppContext } from './context.ts';

// Each command's code (and the libraries behind it: Bolt, pg-boss, the PDF reader…) is imported only
// when that command runs: importing all of them cost more than a second on every invocation.
const commands: { name: string; summary: string; load(): Promise<CliCommand> }[] = [
  {
    name: 'migrate',
    summary: 'create or update the database schema',
    load: async () => (await import('./cli/migrate.ts')).migrateCommand,
  },
  {
    name: 'ingest',
    summary: 'index files, folders and http(s) URLs (txt, md, html, pdf, docx)',
    load: async () => (await import('./cli/ingest.ts')).ingestCommand,
  },
  {
    name: 'documents',
    summary: 'list, show or remove (retract) indexed documents',
    load: async () => (await import('./cli/documents.ts')).documentsCommand,
  },
  {
    name: 'search',
    summary: 'hybrid search over the indexed chunks',
    load: async () => (await import('./cli/search.ts')).searchCommand,
  },
  {
    name: 'ask',
    summary: 'answer a question from the indexed documents, with cited sources',
    load: async () => (await import('./cli/ask.ts')).askCommand,
  },
  {
    name: 'brief',
    summary:
      'a cited meeting dossier on a counterpart or topic (meetings, proposals, agreements, commitments)',
    load: async () => (await import('./cli/brief.ts')).briefCommand,
  },
  {
    name: 'reindex',
    summary: 're-embed chunks with the current embedding model',
    load: async () => (await import('./cli/reindex.ts')).reindexCommand,
  },
  {
    name: 'aliases',
    summary: 'name variants searched together (Guangxi = Quảng Tây = 广西)',
    load: async () => (await import('./cli/aliases.ts')).aliasesCommand,
  },
  {
    name: 'commit',
    summary: 'record a commitment: "@lan send the draft by Friday"',
    load: async () => (await import('./cli/commit.ts')).commitCommand,
  },
  {
    name: 'commitments',
    summary: 'list, complete, reopen, cancel, snooze or export commitments',
    load: async () => (await import('./cli/commitments.ts')).commitmentsCommand,
  },
  {
    name: 'digest',
    summary: 'preview or post the weekly digest, or set a channel’s digest schedule',
    load: async () => (await import('./cli/digest.ts')).digestCommand,
  },
  {
    name: 'serve',
    summary: 'run the Slack app (Socket Mode or HTTP), or the local console when no Slack tokens are set',
    load: async () => (await import('./cli/serve.ts')).serveCommand,
  },
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
  const entry = commands.find((candidate) => candidate.name === name);
  if (!entry) {
    io.err(`minutebook: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
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
    io.out(`${entry.summary}\nusage: ${command.usage}`);
    return 0;
  }
  const [
    { ConfigError, parseConfig },
    { openAppContext },
    { DatabaseError },
    { MigrationError },
    { prepareDatabase },
    { createLogger },
  ] = await Promise.all([
    import('./config.ts'),
    import('./context.ts'),
    import('./db/pool.ts'),
    import('./db/migrate.ts'),
    import('./db/prepare.ts'),
    import('./log.ts'),
  ]);
  let config: ReturnType<typeof parseConfig>;
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
          // In a terminal a one-shot command shows warnings and errors only: its result is the
          // output, and JSON info lines would interleave with it. LOG_LEVEL set explicitly wins;
          // serve keeps its activity log.
          const quiet = io.isTTY && env.LOG_LEVEL === undefined && name !== 'serve';
          const logger = createLogger(quiet ? 'warn' : config.LOG_LEVEL, {
            write: (line: string) => io.err(line.replace(/\n$/, '')),
          });
          context = await openAppContext(config, logger);
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
