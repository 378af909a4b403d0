import { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import { renderDigestText } from '../digest/compose.ts';
import { currentPeriodSoFar, nextRunAfter, parseScheduleArgs } from '../digest/schedule.ts';
import { buildDigest, disableSchedule, effectiveSchedule, setSchedule } from '../digest/service.ts';
import { llmSummarizer } from '../digest/summarize.ts';
import { slackDigestPoster } from '../slack/digest-poster.ts';
import { jsonOutput } from './json.ts';
import { type CliCommand, UsageError } from './types.ts';

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function channelOption(value: unknown, required: boolean): string | null {
  if (value === undefined) {
    if (required) throw new UsageError('--channel is required (a Slack channel id such as C0123456789)');
    return null;
  }
  if (typeof value !== 'string' || !/^[CGD][A-Z0-9]{2,}$/.test(value)) {
    throw new UsageError(`--channel must be a Slack channel id such as C0123456789, not '${String(value)}'`);
  }
  return value;
}

export const digestCommand: CliCommand = {
  name: 'digest',
  usage:
    'minutebook digest preview [--channel C] [--json] | post --channel C | ' +
    'schedule <weekday> <HH:MM> [Area/City] --channel C | off --channel C',
  options: { channel: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, io, config, context }) {
    const [action, ...rest] = positionals;
    switch (action) {
      case 'preview':
      case 'post': {
        if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
        const channelId = channelOption(values.channel, action === 'post');
        if (action === 'post' && !config.SLACK_BOT_TOKEN) {
          io.err(
            'minutebook digest post: SLACK_BOT_TOKEN is not set; set it (and SLACK_API_URL if needed) to post',
          );
          return 1;
        }
        const ctx = await context();
        const schedule = await effectiveSchedule(ctx, channelId);
        const period = currentPeriodSoFar(schedule, new Date());
        const summarize = await llmSummarizer(ctx.chat, ctx.logger);
        const digest = await buildDigest(ctx, channelId, period, { tz: schedule.tz, summarize });
        if (action === 'preview') {
          io.out(values.json ? jsonOutput(digest) : renderDigestText(digest));
          return 0;
        }
        const client = new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL });
        const { ts } = await slackDigestPoster(client)(channelId!, digest);
        io.out(
          values.json
            ? jsonOutput({ channel: channelId, ts })
            : `posted the digest to ${channelId} (ts ${ts})`,
        );
        return 0;
      }
      case 'schedule': {
        const channelId = channelOption(values.channel, true)!;
        const parsed = parseScheduleArgs(rest.join(' '), config.DEFAULT_TIMEZONE);
        if (!parsed.ok) throw new UsageError(parsed.message);
        const ctx = await context();
        const schedule = await setSchedule(ctx.db.pool, channelId, parsed.value, 'cli');
        const next = DateTime.fromJSDate(nextRunAfter(schedule, new Date()), { zone: schedule.tz });
        if (values.json) {
          io.out(jsonOutput({ ...schedule, nextRun: next.toISO() }));
        } else {
          io.out(
            `digest for ${channelId}: every ${WEEKDAY_NAMES[schedule.weekday]} at ${schedule.localTime} ` +
              `${schedule.tz}; next on ${next.toFormat('yyyy-MM-dd HH:mm ZZ')}`,
          );
        }
        return 0;
      }
      case 'off': {
        if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
        const channelId = channelOption(values.channel, true)!;
        const ctx = await context();
        const turnedOff = await disableSchedule(ctx.db.pool, channelId);
        io.out(
          values.json
            ? jsonOutput({ channel: channelId, turnedOff })
            : turnedOff
              ? `digest for ${channelId} turned off`
              : `no digest was scheduled for ${channelId}`,
        );
        return 0;
      }
      default:
        throw new UsageError(
          action === undefined
            ? 'missing action'
            : `unknown action '${action}' (preview, post, schedule, off)`,
        );
    }
  },
};
