import type { AppContext } from '../context.ts';
import type { Digest } from './compose.ts';
import { currentPeriodSoFar, type DigestSchedule, nextRunAfter, parseScheduleArgs } from './schedule.ts';
import { buildDigest, disableSchedule, effectiveSchedule, type Summarize, setSchedule } from './service.ts';

export const DIGEST_COMMAND_USAGE =
  'Usage: /digest preview · /digest schedule monday 09:00 Asia/Ho_Chi_Minh · /digest off';

export type DigestCommandResult =
  | { kind: 'preview'; digest: Digest }
  | { kind: 'scheduled'; schedule: DigestSchedule; nextRun: Date }
  | { kind: 'off'; turnedOff: boolean }
  | { kind: 'usage'; message: string };

/** The `/digest` slash command, surface-independent: `preview`, `schedule <day> <time> [zone]`, `off`. */
export async function runDigestCommand(
  ctx: AppContext,
  input: { channelId: string; userId: string; text: string; now: Date; summarize?: Summarize },
): Promise<DigestCommandResult> {
  const [action = 'preview', ...rest] = input.text.trim().split(/\s+/).filter(Boolean);
  switch (action.toLowerCase()) {
    case 'preview': {
      const schedule = await effectiveSchedule(ctx, input.channelId);
      const period = currentPeriodSoFar(schedule, input.now);
      const digest = await buildDigest(ctx, input.channelId, period, {
        tz: schedule.tz,
        summarize: input.summarize,
      });
      return { kind: 'preview', digest };
    }
    case 'schedule': {
      const parsed = parseScheduleArgs(rest.join(' '), ctx.config.DEFAULT_TIMEZONE);
      if (!parsed.ok) return { kind: 'usage', message: parsed.message };
      const schedule = await setSchedule(ctx.db.pool, input.channelId, parsed.value, input.userId);
      return { kind: 'scheduled', schedule, nextRun: nextRunAfter(schedule, input.now) };
    }
    case 'off':
      return { kind: 'off', turnedOff: await disableSchedule(ctx.db.pool, input.channelId) };
    default:
      return { kind: 'usage', message: `Unknown action '${action}'. ${DIGEST_COMMAND_USAGE}` };
  }
}
