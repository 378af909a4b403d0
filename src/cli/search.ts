import { DateTime } from 'luxon';
import { expandAliases, search } from '../search/index.ts';
import { fold } from '../text/fold.ts';
import { jsonOutput } from './json.ts';
import { type CliCommand, UsageError } from './types.ts';

export const searchCommand: CliCommand = {
  name: 'search',
  usage:
    'minutebook search "<query>" [--k 10] [--per-document 2] [--channel C] [--language fr]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  options: {
    k: { type: 'string' },
    'per-document': { type: 'string' },
    channel: { type: 'string' },
    language: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, io, context }) {
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('give a query');
    const k = positiveInt(values.k, 'k', 10);
    const perDocument = positiveInt(values['per-document'], 'per-document', 2);
    for (const name of ['from', 'to'] as const) {
      const value = values[name];
      if (value !== undefined && !isCalendarDate(String(value))) {
        throw new UsageError(`--${name} ${value} is not a date on the calendar: give it as YYYY-MM-DD`);
      }
    }
    const ctx = await context();
    const hits = await search(ctx, query, {
      k,
      perDocument,
      channelId: typeof values.channel === 'string' ? values.channel : null,
      languages: Array.isArray(values.language) ? values.language.map(String) : undefined,
      from: values.from as string | undefined,
      to: values.to as string | undefined,
    });
    if (values.json) {
      io.out(jsonOutput(hits, 2));
      return 0;
    }
    if (hits.length === 0) {
      io.out('no matching chunks');
      return 0;
    }
    // Each snippet starts near the first place the chunk names what was searched (any alias spelling).
    const spellings = [...new Set([query, ...(await expandAliases(ctx.db.pool, query))])];
    hits.forEach((hit, index) => {
      const where = [hit.language, hit.publishedOn].filter(Boolean).join(', ');
      io.out(
        `${index + 1}. [${hit.score.toFixed(4)}] ${hit.title} (${where}) doc ${hit.documentId} chunk ${hit.ord} chars ${hit.startChar}-${hit.endChar}`,
      );
      io.out(`   ${snippetAround(hit.text, spellings)}`);
    });
    return 0;
  },
};

const SNIPPET_CHARS = 240;

/** About SNIPPET_CHARS of the text, from a little before the first spelling found in it (else from the start). */
export function snippetAround(text: string, spellings: string[]): string {
  const flat = text.replace(/\s+/g, ' ');
  const folded = fold(flat);
  const found = spellings
    .map((spelling) => folded.indexOf(fold(spelling)))
    .filter((at) => at >= 0)
    .sort((a, b) => a - b)[0];
  const start = found === undefined || found < 60 ? 0 : flat.lastIndexOf(' ', found - 40) + 1;
  const piece = flat.slice(start, start + SNIPPET_CHARS);
  return `${start > 0 ? '…' : ''}${piece}${start + SNIPPET_CHARS < flat.length ? '…' : ''}`;
}

function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 1000) {
    throw new UsageError(`--${name} must be a whole number between 1 and 1000`);
  }
  return number;
}

function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}
