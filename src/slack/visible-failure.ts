import { randomUUID } from 'node:crypto';
import type { AnyMiddlewareArgs, RespondFn } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from './deps.ts';
import { answerFailedMessage } from './presenters/answer.ts';
import { failureHomeView, failureNotice } from './presenters/failure.ts';

type Loose = Record<string, unknown>;
type Ack = (response?: unknown) => Promise<void>;

/** The parts of Bolt's middleware arguments this module uses. */
export interface FailureArgs {
  body: unknown;
  client: WebClient;
  ack?: Ack;
  respond?: RespondFn;
}

/**
 * Runs the work for one Slack request; when it fails, logs the error with a short request id and tells
 * the user, so that no acknowledged request ends in silence: an ephemeral reply to a command, button or
 * shortcut (through the ack when it has not been sent yet, else through response_url or a DM), a form
 * error in a modal, an apology in the thread of a question, an error Home tab. Slack does not retry a
 * request it got a 200 for, so this is the user's only sign that something went wrong.
 */
export async function withVisibleFailure(
  deps: SlackDeps,
  args: FailureArgs | AnyMiddlewareArgs,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const requestId = randomUUID().slice(0, 8);
    const log = deps.ctx.logger.child({ module: 'slack', requestId });
    const body = asRecord(args.body);
    log.error({ err: error, ...describe(body) }, 'Slack request failed');
    try {
      const told = await tell(deps, args as FailureArgs, body, requestId);
      if (!told) log.warn('the failure could not be shown to anyone: not a request with a visible reply');
    } catch (reportError) {
      log.error({ err: reportError }, 'could not tell the user about the failure');
    }
  }
}

async function tell(deps: SlackDeps, args: FailureArgs, body: Loose, requestId: string): Promise<boolean> {
  const { client } = args;
  const notice = failureNotice(requestId);
  const userId = stringOf(asRecord(body.user).id) ?? stringOf(body.user_id);
  const dm = async () => {
    if (!userId) return false;
    await client.chat.postMessage({ channel: userId, ...notice });
    return true;
  };

  if (args.ack) {
    // Over HTTP a second ack throws, which tells whether ours was the first. In Socket Mode it is
    // silently ignored, so the fallback (response_url or DM) is always sent too.
    const ackIsTelling = !deps.ctx.config.SLACK_APP_TOKEN;
    const firstAck = async (response?: unknown) => (await tryAck(args.ack!, response)) && ackIsTelling;
    if (body.type === 'view_submission') {
      // A form error keeps what the user typed; once acknowledged, only a DM can reach them.
      const blockId = firstInputBlock(body);
      const errors = blockId ? { response_action: 'errors', errors: { [blockId]: notice.text } } : undefined;
      if ((await firstAck(errors)) && blockId) return true;
      return dm();
    }
    if (typeof body.command === 'string') {
      if (await firstAck({ response_type: 'ephemeral', ...notice })) return true;
    } else {
      await tryAck(args.ack);
    }
    if (args.respond) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, ...notice });
      return true;
    }
    return dm();
  }

  const event = asRecord(body.event);
  const channel = stringOf(event.channel);
  const ts = stringOf(event.ts);
  if (event.type === 'app_home_opened' && stringOf(event.user)) {
    await client.views.publish({ user_id: event.user as string, view: failureHomeView(requestId) as View });
    return true;
  }
  if (channel && ts && isQuestion(deps, event)) {
    const apology = answerFailedMessage('something went wrong on our side', requestId);
    await client.chat.postMessage({ channel, thread_ts: stringOf(event.thread_ts) ?? ts, ...apology });
    return true;
  }
  return false;
}

/**
 * Events the bot would have answered in a thread: mentions, DMs and top-level messages in answer
 * channels. A reply in some other thread may or may not have been a follow-up (that needs the
 * database), so it gets no apology rather than a wrong one.
 */
function isQuestion(deps: SlackDeps, event: Loose): boolean {
  if (!stringOf(event.user) || event.bot_id) return false;
  if (event.type === 'app_mention') return true;
  if (event.type !== 'message') return false;
  if (event.channel_type === 'im') return true;
  return !event.thread_ts && deps.ctx.config.SLACK_ANSWER_CHANNELS.includes(String(event.channel));
}

/**
 * Acknowledges a request no listener acknowledged (a button of an older version, an unknown command),
 * so Slack gets its 200 now instead of a 404 after 3 s; an unknown command is told so.
 */
export async function acknowledgeUnhandled(args: FailureArgs | AnyMiddlewareArgs): Promise<void> {
  const { ack, body } = args as FailureArgs;
  if (!ack) return;
  const command = asRecord(body).command;
  await tryAck(
    ack,
    typeof command === 'string'
      ? { response_type: 'ephemeral', text: `Minutebook does not handle the command ${command}.` }
      : undefined,
  );
}

/** Acknowledges if nobody has yet; false when the request was already acknowledged. */
async function tryAck(ack: Ack, response?: unknown): Promise<boolean> {
  try {
    await ack(response);
    return true;
  } catch {
    return false;
  }
}

function firstInputBlock(body: Loose): string | undefined {
  const blocks = asRecord(body.view).blocks;
  if (!Array.isArray(blocks)) return undefined;
  const input = blocks.map(asRecord).find((block) => block.type === 'input');
  return stringOf(input?.block_id);
}

function describe(body: Loose) {
  const event = asRecord(body.event);
  return {
    type: stringOf(body.type),
    command: stringOf(body.command),
    event: stringOf(event.type),
    callbackId: stringOf(asRecord(body.view).callback_id) ?? stringOf(body.callback_id),
    channel: stringOf(event.channel) ?? stringOf(body.channel_id) ?? stringOf(asRecord(body.channel).id),
  };
}

function asRecord(value: unknown): Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {};
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
