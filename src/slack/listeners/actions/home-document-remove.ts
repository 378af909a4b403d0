import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { removeDocumentsFromSlack } from '../../document-removal.ts';
import { publishHome } from '../../home.ts';
import { DOCUMENT_ACTIONS, removalNotice } from '../../presenters/documents.ts';

/**
 * "Remove" next to a document in the App Home (confirmed in Slack first): the same rule as the message
 * action — the person who shared it or a workspace admin — then the Home tab is published again with
 * what happened on top.
 */
export function register(app: App, deps: SlackDeps) {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${DOCUMENT_ACTIONS.removeFromHome}_\\d+$`),
    async ({ ack, action, body, client }) => {
      await ack();
      const outcomes = await removeDocumentsFromSlack(deps, client, {
        userId: body.user.id,
        // The Home tab is no conversation: documents public or shared by this person are visible there.
        channelId: null,
        references: [action.value ?? ''],
      });
      await publishHome(deps, client, body.user.id, removalNotice(outcomes));
    },
  );
}
