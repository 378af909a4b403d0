import type { App } from '@slack/bolt';
import { answerInThread, questionFromText } from '../../answer-flow.ts';
import { briefInThread, briefSubjectOf } from '../../brief-flow.ts';
import type { SlackDeps } from '../../deps.ts';
import { busyMessage, notAnsweredMessage } from '../../presenters/answer.ts';
import { HOW_TO_ASK } from '../../presenters/home.ts';

/** "@minutebook what did Guangxi propose on AI?" in a channel: answered in the message's thread. */
export function register(app: App, deps: SlackDeps) {
  app.event('app_mention', async ({ event, client }) => {
    if (!event.user) return;
    const question = questionFromText(event.text);
    const threadTs = event.thread_ts ?? event.ts;
    if (!question) {
      await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, text: HOW_TO_ASK });
      return;
    }
    const subject = briefSubjectOf(question);
    if (subject) {
      const user = event.user;
      const inThread = (message: { text: string; blocks?: object[] }) =>
        client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, ...message });
      const ticket = deps.answerQueue.reserve();
      if (!ticket) {
        await inThread(busyMessage(deps.answerQueue.waiting));
        return;
      }
      await ticket.run(
        () =>
          briefInThread(deps, client, {
            subject,
            text: question,
            userId: user,
            channelId: event.channel,
            threadTs,
          }),
        async () => {
          await inThread(notAnsweredMessage());
        },
      );
      return;
    }
    await answerInThread(deps, client, {
      channel: event.channel,
      threadTs,
      messageTs: event.ts,
      question,
      userId: event.user,
    });
  });
}
