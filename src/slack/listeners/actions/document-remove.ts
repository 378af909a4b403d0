import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { removeDocumentsFromSlack } from '../../document-removal.ts';
import { DOCUMENT_ACTIONS, removalOutcomeMessage } from '../../presenters/documents.ts';

/** "Remove …" under an ingestion receipt (confirmed in Slack first): retracts the document, replies privately. */
export function register(app: App, deps: SlackDeps) {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${DOCUMENT_ACTIONS.remove}_\\d+$`),
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const outcomes = await removeDocumentsFromSlack(deps, client, {
        userId: body.user.id,
        channelId: body.channel?.id ?? null,
        references: [action.value ?? ''],
      });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...removalOutcomeMessage(outcomes),
      });
    },
  );
}
