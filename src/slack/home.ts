import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { recentQuestionsBy } from '../answer/questions.ts';
import { listCommitments } from '../commitments/service.ts';
import { todayIn } from '../dates.ts';
import { questionsCitingMissingDocuments } from '../db/document-removals.ts';
import { removableDocuments } from '../documents/service.ts';
import type { SlackDeps } from './deps.ts';
import { isWorkspaceAdmin } from './document-removal.ts';
import { homeView, MAX_HOME_DOCUMENTS } from './presenters/home.ts';

/**
 * Publishes a user's Home tab: open commitments (overdue first), recent questions, a how-to. `notice`
 * tops it after a change made from the Home tab itself, which has no other place to say what happened.
 */
export async function publishHome(deps: SlackDeps, client: WebClient, userId: string, notice?: string) {
  const tz = await deps.userTimeZone(client, userId);
  const today = todayIn(tz, deps.now());
  const [commitments, questions, isAdmin] = await Promise.all([
    listCommitments(deps.ctx, { owner: userId, status: 'all_open', today }),
    recentQuestionsBy(deps.ctx, userId),
    isWorkspaceAdmin(client, userId),
  ]);
  // The documents they may remove here: the same rule as the Remove action (sharer or admin).
  const documents = await removableDocuments(deps.ctx.db.pool, { userId, isAdmin }, MAX_HOME_DOCUMENTS);
  const sourceRemoved = await questionsCitingMissingDocuments(
    deps.ctx.db.pool,
    questions.map((question) => question.id),
  );
  await client.views.publish({
    user_id: userId,
    view: homeView({
      commitments,
      questions: questions.map((question) => ({
        ...question,
        sourceRemoved: sourceRemoved.has(question.id),
      })),
      documents,
      isAdmin,
      today,
      notice,
    }) as View,
  });
}
