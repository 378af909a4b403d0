import { Presets, SingleBar } from 'cli-progress';
import { type IngestReport, ingestInputs } from '../ingest/index.ts';
import { jsonOutput } from './json.ts';
import { type CliCommand, UsageError } from './types.ts';

export const ingestCommand: CliCommand = {
  name: 'ingest',
  usage: 'minutebook ingest <path|dir|url>... [--channel C] [--private] [--json]',
  options: { channel: { type: 'string' }, private: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ positionals, values, io, context }) {
    if (positionals.length === 0) throw new UsageError('give at least one file, folder or URL');
    if (values.private && !values.channel) throw new UsageError('--private needs --channel');
    const ctx = await context();
    const channelId = typeof values.channel === 'string' ? values.channel : null;
    const bar = io.progress ? progressBar(io.progress) : undefined;
    let reports: IngestReport[];
    try {
      reports = await ingestInputs(
        ctx,
        positionals,
        { channelId, visibility: values.private ? 'private' : 'public' },
        bar?.update,
      );
    } finally {
      bar?.stop();
    }
    if (values.json) {
      io.out(jsonOutput(reports, 2));
    } else {
      for (const report of reports) io.out(describe(report));
      io.out(summary(reports));
    }
    // Exit 1 only when nothing at all could be read: skipped files alone are not a failure.
    return reports.some((report) => report.status !== 'skipped') ? 0 : 1;
  },
};

/** One bar for the whole batch: files done of total, files per second, outcomes so far. */
function progressBar(stream: NodeJS.WritableStream) {
  const bar = new SingleBar(
    {
      stream,
      format:
        'ingesting {bar} {value}/{total} files · {rate} files/s · {ingested} new, {updated} updated, {unchanged} unchanged, {skipped} skipped',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  const started = performance.now();
  const counts: Record<IngestReport['status'], number> = {
    ingested: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
  };
  let running = false;
  return {
    update(report: IngestReport, done: number, total: number) {
      counts[report.status] += 1;
      const rate = (done / Math.max((performance.now() - started) / 1000, 0.001)).toFixed(1);
      if (!running) {
        bar.start(total, 0, { rate, ...counts });
        running = true;
      }
      bar.update(done, { rate, ...counts });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

function describe(report: IngestReport): string {
  if (report.status === 'skipped') return `skipped    ${report.input}: ${report.reason}`;
  const details = [
    report.language,
    report.publishedOn,
    `${report.chunks} chunks`,
    report.translationGroup ? `translation group ${report.translationGroup}` : undefined,
  ].filter(Boolean);
  return `${report.status.padEnd(10)} ${report.input} → #${report.documentId} "${report.title}" (${details.join(', ')})`;
}

function summary(reports: IngestReport[]): string {
  const counts = new Map<string, number>();
  for (const report of reports) counts.set(report.status, (counts.get(report.status) ?? 0) + 1);
  const parts = ['ingested', 'updated', 'unchanged', 'skipped'].map(
    (status) => `${counts.get(status) ?? 0} ${status}`,
  );
  return parts.join(', ');
}
