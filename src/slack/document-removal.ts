import type { WebClient } from '@slack/web-api';
import {
  DocumentNotFoundError,
  DocumentRemovalRefusedError,
  type DocumentRemovalResult,
  removeDocument,
} from '../documents/service.ts';
import type { SlackDeps } from './deps.ts';

/** Whether a user is a workspace admin or owner (users.info, asked fresh: it decides a deletion). */
export async function isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
  const info = await client.users.info({ user: userId });
  const user = info.user as { is_admin?: boolean; is_owner?: boolean } | undefined;
  return Boolean(user?.is_admin || user?.is_owner);
}

export type RemovalOutcome =
  | { ok: true; result: DocumentRemovalResult }
  | { ok: false; reference: string; reason: string };

/**
 * Removes documents on behalf of a Slack user from a conversation: allowed for the person who shared
 * the document and for workspace admins; the document must be visible in that conversation.
 */
export async function removeDocumentsFromSlack(
  deps: SlackDeps,
  client: WebClient,
  request: { userId: string; channelId: string | null; references: string[] },
): Promise<RemovalOutcome[]> {
  const isAdmin = await isWorkspaceAdmin(client, request.userId);
  const outcomes: RemovalOutcome[] = [];
  for (const reference of request.references) {
    try {
      const result = await removeDocument(deps.ctx.db.pool, reference, {
        actor: { userId: request.userId, channelId: request.channelId, isAdmin },
        removedBy: request.userId,
      });
      deps.ctx.logger.info(
        { documentId: result.document.id, removedBy: request.userId, chunks: result.removal.chunksRemoved },
        'document removed from Slack',
      );
      outcomes.push({ ok: true, result });
    } catch (error) {
      if (!(error instanceof DocumentNotFoundError || error instanceof DocumentRemovalRefusedError))
        throw error;
      outcomes.push({ ok: false, reference, reason: error.message });
    }
  }
  return outcomes;
}
