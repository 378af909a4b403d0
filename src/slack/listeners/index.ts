import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import * as answerFeedback from './actions/answer-feedback.ts';
import * as answerShare from './actions/answer-share.ts';
import * as commitmentButtons from './actions/commitment-buttons.ts';
import * as commitmentProposals from './actions/commitment-proposals.ts';
import * as documentRemove from './actions/document-remove.ts';
import * as homeDocumentRemove from './actions/home-document-remove.ts';
import * as ask from './commands/ask.ts';
import * as brief from './commands/brief.ts';
import * as commit from './commands/commit.ts';
import * as commitments from './commands/commitments.ts';
import * as digest from './commands/digest.ts';
import * as appHomeOpened from './events/app-home-opened.ts';
import * as appMention from './events/app-mention.ts';
import * as message from './events/message.ts';
import * as logCommitment from './shortcuts/log-commitment.ts';
import * as removeDocument from './shortcuts/remove-document.ts';
import * as commitmentEdit from './views/commitment-edit.ts';
import * as commitmentLog from './views/commitment-log.ts';

const listeners = [
  appMention,
  message,
  appHomeOpened,
  ask,
  brief,
  commit,
  commitments,
  digest,
  answerFeedback,
  answerShare,
  commitmentButtons,
  commitmentProposals,
  documentRemove,
  homeDocumentRemove,
  commitmentEdit,
  commitmentLog,
  logCommitment,
  removeDocument,
];

/** Registers every Slack listener on the app. */
export function registerListeners(app: App, deps: SlackDeps) {
  for (const listener of listeners) listener.register(app, deps);
}
