import type { WebClient } from '@slack/web-api';
import { ingestFile } from '../ingest/index.ts';
import { readBounded } from '../ingest/loaders/url.ts';
import type { SlackDeps } from './deps.ts';
import { ingestReceiptMessage } from './presenters/documents.ts';
import { escapeSlack } from './presenters/text.ts';
import { type IngestedDocument, offerProposedCommitments } from './proposals.ts';
import { isSlackUrl } from './response-url.ts';

export interface SharedFile {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
  permalink?: string;
}

export interface FileShare {
  channel: string;
  /** channel (public), group (private), mpim or im: documents keep the channel's visibility. */
  channelType: string;
  threadTs: string;
  userId: string;
  files: SharedFile[];
}

/**
 * Downloads each shared file with the bot token, ingests it with the channel's visibility (a file
 * from a private channel or a DM only answers there), and replies in the thread with a receipt.
 */
export async function ingestSharedFiles(deps: SlackDeps, client: WebClient, share: FileShare): Promise<void> {
  const { config, logger } = deps.ctx;
  const visibility = share.channelType === 'channel' ? 'public' : 'private';
  const lines: string[] = [];
  const removable: IngestedDocument[] = [];
  for (const file of share.files) {
    const name = file.name ?? file.title ?? file.id;
    try {
      if (file.size !== undefined && file.size > config.INGEST_MAX_BYTES) {
        lines.push(
          `• ${escapeSlack(name)}: skipped (larger than ${Math.round(config.INGEST_MAX_BYTES / 1_048_576)} MB)`,
        );
        continue;
      }
      const url = file.url_private_download ?? file.url_private;
      if (!url) {
        lines.push(`• ${escapeSlack(name)}: skipped (Slack gave no download link)`);
        continue;
      }
      if (!isSlackUrl(url, config.SLACK_API_URL)) {
        logger.warn(
          { file: file.id, channel: share.channel },
          'file link outside Slack: not downloaded with the bot token',
        );
        lines.push(`• ${escapeSlack(name)}: skipped (not a Slack file link)`);
        continue;
      }
      const bytes = await download(
        url,
        config.SLACK_BOT_TOKEN!,
        config.INGEST_MAX_BYTES,
        config.INGEST_FETCH_TIMEOUT_MS,
      );
      const report = await ingestFile(
        deps.ctx,
        { name, bytes, sourceUri: file.permalink ?? `slack://file/${file.id}`, mimeType: file.mimetype },
        { channelId: share.channel, visibility, ingestedBy: share.userId },
      );
      const detail = report.reason
        ? ` (${report.reason})`
        : report.chunks
          ? ` (${report.chunks} passages)`
          : '';
      lines.push(`• ${escapeSlack(report.title ?? name)}: ${report.status}${escapeSlack(detail)}`);
      if ((report.status === 'ingested' || report.status === 'updated') && report.documentId !== undefined) {
        removable.push({
          id: report.documentId,
          title: report.title ?? name,
          publishedOn: report.publishedOn ?? null,
        });
      }
    } catch (error) {
      logger.error({ err: error, file: file.id, channel: share.channel }, 'file ingestion from Slack failed');
      lines.push(`• ${escapeSlack(name)}: skipped (${escapeSlack((error as Error).message)})`);
    }
  }
  const scope = visibility === 'public' ? '' : '\n_Private: used only for answers in this conversation._';
  await client.chat.postMessage({
    channel: share.channel,
    thread_ts: share.threadTs,
    ...ingestReceiptMessage(lines, scope, removable),
  });
  await offerProposedCommitments(deps, client, {
    userId: share.userId,
    channelId: share.channel,
    visibility,
    documents: removable,
  });
}

async function download(
  url: string,
  token: string,
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok || !response.body) throw new Error(`download failed with HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) {
    await response.body.cancel();
    throw new Error(`too large: ${length} bytes (limit ${maxBytes})`);
  }
  return readBounded(response.body, maxBytes);
}
