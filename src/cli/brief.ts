import { DateTime } from 'luxon';
import { renderBriefMarkdown } from '../brief/render.ts';
import { composeBrief } from '../brief/service.ts';
import { todayIn } from '../dates.ts';
import { ingestSamplesIfEmpty } from '../ingest/index.ts';
import { jsonOutput } from './json.ts';
import { type CliCommand, UsageError } from './types.ts';

export const briefCommand: CliCommand = {
  name: 'brief',
  usage:
    'minutebook brief "<counterpart or topic>" [--since YYYY-MM-DD] [--language fr] [--format md] [--json]',
  options: {
    since: { type: 'string' },
    language: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values, io, config, context }) {
    const subject = positionals.join(' ').trim();
    if (!subject) throw new UsageError('give a counterpart or a topic, e.g. minutebook brief "Guangxi"');
    const since = values.since;
    if (
      since !== undefined &&
      !(/^\d{4}-\d{2}-\d{2}$/.test(String(since)) && DateTime.fromISO(String(since)).isValid)
    ) {
      throw new UsageError(`--since ${since} is not a date on the calendar: give it as YYYY-MM-DD`);
    }
    if (values.format !== undefined && values.format !== 'md') {
      throw new UsageError(`--format ${values.format} is not known: the brief prints as Markdown (md)`);
    }
    const language = typeof values.language === 'string' ? values.language : undefined;
    if (language !== undefined && !/^[a-z]{2}$/.test(language)) {
      throw new UsageError(`--language ${language} is not a two-letter language code (en, fr, vi, zh, sv)`);
    }
    const ctx = await context();
    await ingestSamplesIfEmpty(ctx);
    const brief = await composeBrief(ctx, subject, {
      since: since as string | undefined,
      language,
      today: todayIn(config.DEFAULT_TIMEZONE, new Date()),
    });
    io.out(values.json ? jsonOutput(brief, 2) : renderBriefMarkdown(brief));
    return 0;
  },
};
