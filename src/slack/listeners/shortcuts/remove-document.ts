import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { removeDocumentsFromSlack } from '../../document-removal.ts';
import {
  DOCUMENT_ACTIONS,
  REMOVE_DOCUMENT_SHORTCUT,
  removalOutcomeMessage,
} from '../../presenters/documents.ts';

/**
 * Message shortcut "Remove shared document", on the message that shared a file (the document's source
 * is the file's permalink or slack://file/<id>) or on the bot's ingestion receipt (its Remove buttons
 * name the documents). The reply is private to the person who used it.
 */
export function register(app: App, deps: SlackDeps) {
  app.shortcut<MessageShortcut>(REMOVE_DOCUMENT_SHORTCUT, async ({ ack, shortcut, client }) => {
    await ack();
    const message = shortcut.message as MessageShortcut['message'] & {
      files?: { id: string; permalink?: string }[];
      blocks?: { type: string; elements?: { action_id?: string; value?: string }[] }[];
    };
    const references = [
      ...(message.files ?? []).flatMap((file) => [file.permalink ?? `slack://file/${file.id}`]),
      ...(message.blocks ?? [])
        .filter((block) => block.type === 'actions')
        .flatMap((block) => block.elements ?? [])
        .filter((element) => element.action_id?.startsWith(`${DOCUMENT_ACTIONS.remove}_`) && element.value)
        .map((element) => element.value!),
    ];
    const outcomes = await removeDocumentsFromSlack(deps, client, {
      userId: shortcut.user.id,
      channelId: shortcut.channel.id,
      references,
    });
    await client.chat.postEphemeral({
      channel: shortcut.channel.id,
      user: shortcut.user.id,
      ...removalOutcomeMessage(outcomes),
    });
  });
}
