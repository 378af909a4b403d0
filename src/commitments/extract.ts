import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { ChatClient } from '../llm/chat.ts';
import { loadPrompt, runPrompt } from '../llm/prompts.ts';
import type { Logger } from '../log.ts';
import { MAX_COMMITMENT_LENGTH } from './parse.ts';
import { type Commitment, createCommitment } from './service.ts';

// Minutes longer than this are cut: the action items of a meeting sit well within it, and it bounds the cost.
const MAX_CONTENT_CHARS = 24_000;

export interface ExtractionDocument {
  id: number;
  title: string;
  content: string;
  /** YYYY-MM-DD, the meeting date relative deadlines count from. */
  publishedOn: string | null;
  channelId?: string | null;
  /** A private document's proposals are private to its channel too. */
  visibility?: 'public' | 'private';
}

/** What the model proposes; checked against the document before anything is stored. */
export interface CandidateCommitment {
  title: string;
  owner: string | null;
  dueOn: string | null;
  quote: string;
}

export type ExtractCandidates = (document: ExtractionDocument) => Promise<CandidateCommitment[]>;

const replySchema = z.object({
  commitments: z.array(
    z.object({
      title: z.string(),
      owner: z.string().nullish(),
      due_on: z.string().nullish(),
      quote: z.string(),
    }),
  ),
});

/** Candidate extraction by the chat model; undefined without one (no OPENAI_API_KEY). */
export async function llmCommitmentExtractor(
  chat: ChatClient | null,
  logger: Logger,
): Promise<ExtractCandidates | undefined> {
  if (!chat) return undefined;
  const prompt = await loadPrompt('extract-commitments');
  return async (document) => {
    const values = {
      title: document.title.replaceAll('"', "'"),
      published_on: document.publishedOn ?? 'unknown',
      content: document.content.slice(0, MAX_CONTENT_CHARS).replaceAll('</document>', ''),
    };
    const raw = await runPrompt(chat, prompt, values, { json: true });
    let reply: z.infer<typeof replySchema>;
    try {
      reply = replySchema.parse(JSON.parse(raw.replace(/^```(?:json)?\s*|\s*```\s*$/g, '')));
    } catch (error) {
      throw new Error(
        `the model's reply to ${prompt.version} is not the expected JSON (${(error as Error).message.slice(0, 200)})`,
      );
    }
    logger.info(
      { promptVersion: prompt.version, model: prompt.model ?? chat.model, documentId: document.id },
      'commitment candidates extracted',
    );
    return reply.commitments.map((candidate) => ({
      title: candidate.title,
      owner: candidate.owner ?? null,
      dueOn: candidate.due_on ?? null,
      quote: candidate.quote,
    }));
  };
}

/**
 * Stores the model's candidates for one document as `proposed` commitments, for a person to accept.
 * A candidate is kept only when its quote is really in the document (the model cannot invent
 * action items); running it again on the same document adds nothing twice.
 */
export async function proposeCommitmentsFromDocument(
  ctx: AppContext,
  options: { document: ExtractionDocument; extract: ExtractCandidates; actor: string; timeZone: string },
): Promise<{ proposed: Commitment[]; rejected: CandidateCommitment[] }> {
  const { document } = options;
  const candidates = await options.extract(document);
  const haystack = normalise(document.content);
  const proposed: Commitment[] = [];
  const rejected: CandidateCommitment[] = [];
  for (const candidate of candidates) {
    const title = candidate.title.replace(/\s+/g, ' ').trim();
    const quote = normalise(candidate.quote);
    if (!title || title.length > MAX_COMMITMENT_LENGTH || quote.length < 10 || !haystack.includes(quote)) {
      rejected.push(candidate);
      continue;
    }
    const owner = candidate.owner?.replace(/\s+/g, ' ').trim();
    const dueOn =
      candidate.dueOn &&
      /^\d{4}-\d{2}-\d{2}$/.test(candidate.dueOn) &&
      DateTime.fromISO(candidate.dueOn).isValid
        ? candidate.dueOn
        : null;
    const { commitment } = await createCommitment(ctx, {
      parsed: {
        title,
        // Names from minutes are not Slack users; 'name:' keeps them apart until someone assigns it.
        owners: owner ? [`name:${owner}`] : [options.actor],
        dueOn,
        tz: options.timeZone,
        dueText: candidate.dueOn,
      },
      createdBy: options.actor,
      channelId: document.channelId ?? null,
      visibility: document.visibility ?? 'public',
      sourceDocumentId: document.id,
      status: 'proposed',
      idempotencyKey: `document:${document.id}:${createHash('sha256').update(title.toLowerCase()).digest('hex').slice(0, 32)}`,
    });
    proposed.push(commitment);
  }
  return { proposed, rejected };
}

function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}
