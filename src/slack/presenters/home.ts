import { type CommitmentView, commitmentListMessage } from './commitments.ts';
import { homeDocumentBlock } from './documents.ts';
import { context, escapeSlack, SLACK_LIMITS, section, truncate } from './text.ts';

export const HOW_TO_ASK =
  'Ask me about the indexed meeting articles and minutes, in any language: mention me with a question ' +
  '(e.g. "@Minutebook what did Guangxi propose on AI?"), send me a DM, or use `/ask`. ' +
  'Every claim in my answers cites its source.';

const HOW_TO = [
  '*How to use Minutebook*',
  `• ${HOW_TO_ASK}`,
  '• `/commit @owner send the draft MoU to Guangxi FAO by Friday` logs an action item.',
  '• `/commitments` lists yours; `/commitments overdue`, `/commitments @someone`, `/commitments all`.',
  '• `/brief Guangxi` prepares a meeting: meetings, proposals, agreements, open commitments and questions, cited.',
  '• `/digest preview` shows this week so far; `/digest schedule monday 09:00 Asia/Ho_Chi_Minh` posts it weekly.',
].join('\n');

/** Documents listed in the Home tab, newest first (older ones: `minutebook documents list`, or the message action). */
export const MAX_HOME_DOCUMENTS = 8;

export interface HomeData {
  commitments: CommitmentView[];
  /** sourceRemoved: the answer cited a document removed since. */
  questions: { question: string; abstained: boolean; createdAt: Date; sourceRemoved?: boolean }[];
  /** Documents the user may remove (shared by them; for an admin, public ones too), newest first. */
  documents?: Parameters<typeof homeDocumentBlock>[0][];
  /** The user is a workspace admin: the documents section says it lists others' documents too. */
  isAdmin?: boolean;
  today: string;
  /** What the user's last click in the Home tab did. */
  notice?: string;
}

/** The Home tab view: open commitments (overdue first), recent questions, how-to. */
export function homeView(data: HomeData) {
  const list = commitmentListMessage('Your open commitments', data.commitments, data.today).blocks;
  const blocks: object[] = [{ type: 'header', text: { type: 'plain_text', text: 'Minutebook' } }];
  if (data.notice) blocks.push(context(escapeSlack(data.notice)));
  const documents = (data.documents ?? []).slice(0, MAX_HOME_DOCUMENTS);
  // Keep room for the notice, documents, questions and how-to blocks below the list.
  const documentBlocks = documents.length > 0 ? documents.length + 2 : 0;
  blocks.push(...list.slice(0, SLACK_LIMITS.blocksPerMessage - 9 - documentBlocks));
  blocks.push({ type: 'divider' });
  if (documents.length > 0) {
    const heading = data.isAdmin
      ? '*Documents you can remove* (yours, and public ones as an admin)'
      : '*Documents you shared*';
    blocks.push(section(heading));
    blocks.push(...documents.map(homeDocumentBlock));
    blocks.push({ type: 'divider' });
  }
  if (data.questions.length > 0) {
    const lines = data.questions.map(
      (question) =>
        `• ${escapeSlack(truncate(question.question, 200))}${question.abstained ? ' _(not found)_' : ''}${question.sourceRemoved ? ' _(source removed)_' : ''}`,
    );
    blocks.push(section(`*Your recent questions*\n${lines.join('\n')}`));
    blocks.push({ type: 'divider' });
  }
  blocks.push(section(HOW_TO));
  blocks.push(context('Answers only use documents visible in the channel where you ask.'));
  return { type: 'home' as const, blocks };
}
