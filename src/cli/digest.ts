import { DateTime } from 'luxon';
import { runDigestCommand } from '../digest/command.ts';
import { renderDigestText } from '../digest/compose.ts';
import { currentDigest } from '../digest/service.ts';
import { slackDigestPoster } from '../slack/digest-poster.ts';
import { createSlackWebClient } from '../slack/web-client.ts';
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
        if (action === 'preview') {
          const result = await runDigestCommand(ctx, {
            channelId,
            userId: 'cli',
            text: 'preview',
            now: new Date(),
          });
          if (result.kind !== 'preview') throw new Error(`digest preview returned ${result.kind}`);
          io.out(values.json ? jsonOutput(result.digest) : renderDigestText(result.digest));
          return 0;
        }
        const digest = await currentDigest(ctx, channelId, new Date());
        const { ts } = await slackDigestPoster(createSlackWebClient(config, ctx.logger))(channelId!, digest);
        io.out(
          values.json
            ? jsonOutput({ channel: channelId, ts })
            : `posted the digest to ${channelId} (ts ${ts})`,
        );
        return 0;
      }
      case 'schedule':
      case 'off': {
        if (action === 'off' && rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
        const channelId = channelOption(values.channel, true)!;
        const ctx = await context();
        const result = await runDigestCommand(ctx, {
          channelId,
          userId: 'cli',
          text: [action, ...rest].join(' '),
          now: new Date(),
        });
        if (result.kind === 'usage') throw new UsageError(result.message);
        if (result.kind === 'scheduled') {
          const { schedule } = result;
          const next = DateTime.fromJSDate(result.nextRun, { zone: schedule.tz });
          io.out(
            values.json
              ? jsonOutput({ ...schedule, nextRun: next.toISO() })
              : `digest for ${channelId}: every ${WEEKDAY_NAMES[schedule.weekday]} at ${schedule.localTime} ` +
                  `${schedule.tz}; next on ${next.toFormat('yyyy-MM-dd HH:mm ZZ')}`,
          );
          return 0;
        }
        const turnedOff = result.kind === 'off' && result.turnedOff;
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
