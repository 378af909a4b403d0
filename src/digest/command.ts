import type { AppContext } from '../context.ts';
import type { Digest } from './compose.ts';
import { type DigestSchedule, nextRunAfter, parseScheduleArgs } from './schedule.ts';
import { currentDigest, disableSchedule, setSchedule } from './service.ts';

export const DIGEST_COMMAND_USAGE =
  'Usage: /digest preview · /digest schedule monday 09:00 Asia/Ho_Chi_Minh · /digest off';

export type DigestCommandResult =
  | { kind: 'preview'; digest: Digest }
  | { kind: 'scheduled'; schedule: DigestSchedule; nextRun: Date }
  | { kind: 'off'; turnedOff: boolean }
  | { kind: 'usage'; message: string };

/**
 * The digest command of every surface (Slack `/digest`, the console, `minutebook digest`):
 * `preview`, `schedule <day> <time> [zone]`, `off`. A preview without a channel covers every channel.
 */
export async function runDigestCommand(
  ctx: AppContext,
  input: { channelId: string | null; userId: string; text: string; now: Date },
): Promise<DigestCommandResult> {
  const [action = 'preview', ...rest] = input.text.trim().split(/\s+/).filter(Boolean);
  switch (action.toLowerCase()) {
    case 'preview':
      return { kind: 'preview', digest: await currentDigest(ctx, input.channelId, input.now) };
    case 'schedule': {
      if (!input.channelId) return { kind: 'usage', message: 'A schedule is set for a channel.' };
      const parsed = parseScheduleArgs(rest.join(' '), ctx.config.DEFAULT_TIMEZONE);
      if (!parsed.ok) return { kind: 'usage', message: parsed.message };
      const schedule = await setSchedule(ctx, input.channelId, parsed.value, input.userId);
      return { kind: 'scheduled', schedule, nextRun: nextRunAfter(schedule, input.now) };
    }
    case 'off':
      if (!input.channelId) return { kind: 'usage', message: 'A schedule is turned off for a channel.' };
      return { kind: 'off', turnedOff: await disableSchedule(ctx, input.channelId) };
    default:
      return { kind: 'usage', message: `Unknown action '${action}'. ${DIGEST_COMMAND_USAGE}` };
  }
}
