import type { App } from '@slack/bolt';
import { exportCommitments } from '../../../commitments/export.ts';
import { type CommitmentFilter, listCommitments } from '../../../commitments/service.ts';
import { todayIn } from '../../../dates.ts';
import type { SlackDeps } from '../../deps.ts';
import { commitmentListMessage } from '../../presenters/commitments.ts';
import { section } from '../../presenters/text.ts';
import { usageMessage } from '../../presenters/usage.ts';

export const COMMITMENTS_USAGE = [
  'Usage:',
  '• `/commitments` or `/commitments mine`: your open commitments',
  '• `/commitments @someone`: their open commitments',
  '• `/commitments overdue`: everything overdue',
  '• `/commitments all`: all open commitments',
  '• `/commitments export`: all commitments as a CSV file, sent to you in a DM',
].join('\n');

/** `/commitments [mine|@user|overdue|all|export]`: an ephemeral list with Done / Snooze / Edit buttons. */
export function register(app: App, deps: SlackDeps) {
  app.command('/commitments', async ({ command, ack, respond, client }) => {
    const arg = command.text.trim();
    const mention = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(arg);
    const known = ['', 'mine', 'overdue', 'all', 'export'];
    if (!mention && !known.includes(arg.toLowerCase())) {
      await ack({ response_type: 'ephemeral', ...usageMessage(`I don't know "${arg}".`, COMMITMENTS_USAGE) });
      return;
    }
    await ack();
    const tz = await deps.userTimeZone(client, command.user_id);
    const today = todayIn(tz, deps.now());
    // A private conversation's commitments are shown only there and to their owners and author.
    const visibleTo = { userId: command.user_id, channelId: command.channel_id };
    if (arg.toLowerCase() === 'export') {
      const csv = await exportCommitments(deps.ctx, 'csv', { status: 'any', today, visibleTo });
      let body: string;
      try {
        // A file keeps any number of rows intact, and the DM keeps it private to the requester.
        const dm = await client.conversations.open({ users: command.user_id });
        await client.files.uploadV2({
          channel_id: dm.channel?.id as string,
          filename: `commitments-${today}.csv`,
          title: `Commitments export ${today}`,
          content: csv,
          initial_comment: 'All commitments, every status (CSV).',
        });
        body = 'The export is in your DM with me, as a CSV file.';
      } catch (error) {
        deps.ctx.logger.error({ err: error, user: command.user_id }, 'commitments export upload failed');
        body =
          'I could not send the export file. Try again in a moment, or run `minutebook commitments export --format csv` on the server.';
      }
      await respond({ response_type: 'ephemeral', text: 'Commitments export', blocks: [section(body)] });
      return;
    }
    let heading: string;
    let filter: CommitmentFilter;
    if (mention) {
      heading = 'Open commitments of';
      filter = { owner: mention[1], status: 'all_open', today };
    } else if (arg.toLowerCase() === 'overdue') {
      heading = 'Overdue commitments';
      filter = { overdue: true, today };
    } else if (arg.toLowerCase() === 'all') {
      heading = 'All open commitments';
      filter = { status: 'all_open', today };
    } else {
      heading = 'Your open commitments';
      filter = { owner: command.user_id, status: 'all_open', today };
    }
    const commitments = await listCommitments(deps.ctx, { ...filter, visibleTo });
    await respond({
      response_type: 'ephemeral',
      ...commitmentListMessage(heading, commitments, today, mention?.[1]),
    });
  });
}
