import type { WebClient } from '@slack/web-api';
import { llmCommitmentExtractor, proposeCommitmentsFromDocument } from '../commitments/extract.ts';
import { documentContents } from '../db/documents.ts';
import type { SlackDeps } from './deps.ts';
import { proposalsMessage } from './presenters/proposals.ts';

export interface IngestedDocument {
  id: number;
  title: string;
  publishedOn: string | null;
}

/**
 * With a model configured, proposes the action items of freshly ingested minutes and offers them in a
 * DM to the person who shared the file (Accept / Edit / Dismiss): nothing becomes a commitment without
 * a human. A failure is logged with the document; the ingestion itself stands.
 */
export async function offerProposedCommitments(
  deps: SlackDeps,
  client: WebClient,
  share: {
    userId: string;
    channelId: string;
    visibility: 'public' | 'private';
    documents: IngestedDocument[];
  },
): Promise<void> {
  const { ctx } = deps;
  if (share.documents.length === 0) return;
  const extract = await llmCommitmentExtractor(ctx.chat, ctx.logger);
  if (!extract) return;
  const contents = await documentContents(
    ctx.db.pool,
    share.documents.map((document) => document.id),
  );
  const timeZone = await deps.userTimeZone(client, share.userId);
  for (const document of share.documents) {
    const content = contents.get(document.id);
    if (content === undefined) continue;
    try {
      const { proposed } = await proposeCommitmentsFromDocument(ctx, {
        document: { ...document, content, channelId: share.channelId, visibility: share.visibility },
        extract,
        actor: share.userId,
        timeZone,
      });
      if (proposed.length === 0) continue;
      const dm = await client.conversations.open({ users: share.userId });
      await client.chat.postMessage({
        channel: dm.channel?.id as string,
        ...proposalsMessage(document.title, proposed),
      });
    } catch (error) {
      ctx.logger.error(
        { err: error, documentId: document.id, user: share.userId },
        'proposing commitments failed',
      );
    }
  }
}
