import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.ts';
import type { AppContext } from '../context.ts';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (quieter logs). */
  readonly isTTY: boolean;
  /** Where progress bars are drawn: stderr when it is a terminal, else undefined (no bar). */
  readonly progress?: NodeJS.WritableStream;
}

export interface CliRunArgs {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  io: CliIO;
  config: Config;
  /** Opens the database and applies pending migrations; closed by the dispatcher after run. */
  context(): Promise<AppContext>;
}

/** A command's implementation, loaded only when that command runs (its one-line summary is in src/cli.ts). */
export interface CliCommand {
  name: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Set on `migrate` itself: context() then opens the database without migrating it first. */
  manualMigrations?: boolean;
  run(args: CliRunArgs): Promise<number>;
}

/** Thrown for bad arguments: the dispatcher prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
