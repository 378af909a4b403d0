import type { App } from '@slack/bolt';
import type { View } from '@slack/types';
import { listCommitments } from '../../../commitments/service.ts';
import { todayIn } from '../../../dates.ts';
import { recentQuestionsBy } from '../../../db/questions.ts';
import type { SlackDeps } from '../../deps.ts';
import { homeView } from '../../presenters/home.ts';

/** Home tab: the user's open commitments (overdue first), their recent questions, and a short how-to. */
export function register(app: App, deps: SlackDeps) {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const tz = await deps.userTimeZone(client, event.user);
    const today = todayIn(tz, deps.now());
    const [commitments, questions] = await Promise.all([
      listCommitments(deps.ctx.db.pool, { owner: event.user, status: 'all_open', today }),
      recentQuestionsBy(deps.ctx.db.pool, event.user),
    ]);
    await client.views.publish({
      user_id: event.user,
      view: homeView({ commitments, questions, today }) as View,
    });
  });
}
