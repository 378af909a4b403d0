import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { publishHome } from '../../home.ts';

/** Home tab: the user's open commitments (overdue first), their recent questions, and a short how-to. */
export function register(app: App, deps: SlackDeps) {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, event.user);
  });
}
