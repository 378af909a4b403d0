// The statements a piece of code runs, with their times: every query any node-postgres client (pool or
// checked-out client, native or PGlite) sends while traceStatements runs. Bench-only: it patches
// pg.Client.prototype.query for the life of the process.
import pg from 'pg';

export interface TracedStatement {
  sql: string;
  values: unknown[] | undefined;
  /** From the call to its result (waiting behind the client's earlier queries included). */
  ms: number;
}

let log: TracedStatement[] | null = null;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const into = log;
    if (!into) return query.apply(this, args);
    const first = args[0] as string | { text?: string; values?: unknown[] };
    const sql = typeof first === 'string' ? first : (first?.text ?? '');
    const values = Array.isArray(args[1])
      ? (args[1] as unknown[])
      : typeof first === 'object'
        ? first?.values
        : undefined;
    const t0 = performance.now();
    const done = () => into.push({ sql, values, ms: performance.now() - t0 });
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        done();
        return (last as (...a: unknown[]) => unknown)(...results);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args) as Promise<unknown> | undefined;
    result?.then?.(done, done);
    return result;
  };
}

/** Runs `run` alone (nothing else may query meanwhile) and returns the statements it ran, in order of completion. */
export async function traceStatements<T>(
  run: () => Promise<T>,
): Promise<{ result: T; statements: TracedStatement[]; ms: number }> {
  install();
  const statements: TracedStatement[] = [];
  log = statements;
  const t0 = performance.now();
  try {
    const result = await run();
    return { result, statements, ms: performance.now() - t0 };
  } finally {
    log = null;
  }
}

/** A short name for a statement: its text, whitespace collapsed, cut at 90 characters. */
export function statementLabel(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 87)}…` : flat;
}
