import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueReminders } from '../../src/commitments/reminders.ts';
import { commitmentHistory, getCommitment, listCommitments } from '../../src/commitments/service.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { getSchedule } from '../../src/digest/service.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { slackReminderSender } from '../../src/slack/reminders.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMigratedDatabase();
let h: SlackHarness;
let openai: FakeOpenAI;
const NOW = new Date('2026-11-24T03:00:00Z');

beforeAll(async () => {
  await prepareDatabase(getDb().db.pool);
  openai = await new FakeOpenAI().start();
  // The model is down for the whole file: every answer must fail politely.
  openai.onChat(() => ({ status: 503, body: { error: { message: 'overloaded' } } }));
  h = await startSlackHarness(getDb().db, {
    now: () => NOW,
    env: {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.baseURL,
      EMBEDDER: 'local',
      LLM_TIMEOUT_MS: '2000',
    },
  });
  await ingestInputs(h.ctx, ['samples/minutes']);
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await openai?.stop();
});

const interaction = (payload: Record<string, unknown>) =>
  h.interaction({
    user: { id: 'U1' },
    trigger_id: 'trigger-1',
    response_url: `${h.fake.url}/response`,
    ...payload,
  });

/** Logs a commitment for a single owner through /commit and returns it once stored. */
async function logCommitment(owner: string, text: string, triggerId: string) {
  await h.command('/commit', `<@${owner}> ${text}`, { triggerId, channelId: 'C1' });
  return h.until(
    async () => (await listCommitments(h.ctx, { owner, status: 'any', today: '2026-11-24' }))[0],
  );
}

describe('Slack failures and interactions', () => {
  it('replaces the placeholder with an apology and a request id when the model is down', async () => {
    await h.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'C1',
      ts: '1732600000.000100',
      text: '<@UBOT> What did Guangxi propose on AI?',
    });
    const update = await h.until(() => h.fake.calls('chat.update')[0], 30_000);
    expect(String(update.args.text)).toMatch(
      /^Sorry, I couldn't answer this time: .+ \(request id [0-9a-f]{8}\)/,
    );
    expect(openai.chatRequests().length).toBeGreaterThanOrEqual(1);
  });

  it('opens the "Log as commitment" modal with the message and its permalink, then logs it', async () => {
    await interaction({
      type: 'message_action',
      callback_id: 'log_commitment',
      channel: { id: 'C1', name: 'secretariat' },
      message: {
        ts: '1732600100.000200',
        text: '<@U7> book the interpreters for the JWC by 15 Dec',
        user: 'U7',
      },
    });
    const opened = await h.until(() => h.fake.calls('views.open')[0]);
    const view = opened.args.view as {
      private_metadata: string;
      blocks: { element: { initial_value?: string } }[];
    };
    expect(view.blocks[0]!.element.initial_value).toBe('<@U7> book the interpreters for the JWC by 15 Dec');
    expect(JSON.parse(view.private_metadata).permalink).toMatch(
      /^https:\/\/example\.slack\.com\/archives\/C1\/p/,
    );
    const response = await interaction({
      type: 'view_submission',
      view: {
        id: 'V123',
        callback_id: 'commitment_log_modal',
        private_metadata: view.private_metadata,
        state: {
          values: {
            text: { value: { type: 'plain_text_input', value: view.blocks[0]!.element.initial_value } },
            owners: { value: { type: 'multi_users_select', selected_users: ['U8'] } },
          },
        },
      },
    });
    expect(response.status).toBe(200);
    const logged = await h.until(
      async () => (await listCommitments(h.ctx, { owner: 'U7', status: 'all_open', today: '2026-11-24' }))[0],
    );
    expect(logged).toMatchObject({ title: 'book the interpreters for the JWC', dueOn: '2026-12-15' });
    expect(logged.owners.sort()).toEqual(['U7', 'U8']);
    expect(logged.sourcePermalink).toMatch(/archives\/C1/);
  });

  it('shows a parse error inside the modal instead of logging junk', async () => {
    const acks = h.responses().length;
    await interaction({
      type: 'view_submission',
      view: {
        id: 'V124',
        callback_id: 'commitment_log_modal',
        private_metadata: JSON.stringify({ channelId: 'C1', permalink: null }),
        state: {
          values: {
            text: { value: { type: 'plain_text_input', value: 'file it by 1 January 2020' } },
            owners: { value: { type: 'multi_users_select', selected_users: [] } },
          },
        },
      },
    });
    expect(h.responses()[acks]).toMatchObject({
      response_action: 'errors',
      errors: { text: expect.stringContaining('2020') },
    });
  });

  it('snoozes from the overflow menu and refuses an edit based on a stale version', async () => {
    const commitment = await logCommitment(
      'U9',
      'circulate the minutes of the 16th JWC by Friday',
      'trig-snooze',
    );
    await interaction({
      type: 'block_actions',
      channel: { id: 'C1' },
      actions: [
        {
          type: 'overflow',
          action_id: 'commitment_snooze',
          block_id: 'b',
          selected_option: { value: `${commitment.id}:${commitment.version}:7` },
        },
      ],
    });
    const snoozed = await h.until(async () => {
      const current = await getCommitment(h.ctx, commitment.id);
      return current?.dueOn === '2026-12-04' ? current : undefined;
    });
    const acks = h.responses().length;
    await interaction({
      type: 'view_submission',
      view: {
        id: 'V125',
        callback_id: 'commitment_edit_modal',
        private_metadata: `${commitment.id}:${commitment.version}`,
        state: {
          values: {
            title: { value: { type: 'plain_text_input', value: 'circulate the minutes' } },
            owners: { value: { type: 'multi_users_select', selected_users: ['U9'] } },
            due: { value: { type: 'datepicker', selected_date: '2026-12-10' } },
          },
        },
      },
    });
    expect(h.responses()[acks]).toMatchObject({
      response_action: 'errors',
      errors: { title: expect.stringMatching(/changed by someone else/) },
    });
    expect((await getCommitment(h.ctx, commitment.id))?.title).toBe(snoozed.title);
    const history = await commitmentHistory(h.ctx, commitment.id);
    expect(history.map((event) => event.action)).toEqual(['create', 'snooze']);
  });

  it('keeps group owners, which the user picker cannot show, when the Edit modal is saved', async () => {
    await h.command(
      '/commit',
      '<!subteam^S0PROTO|@protocol> <@U11> arrange the cars for the delegation by Friday',
      {
        triggerId: 'trig-group',
        channelId: 'C1',
      },
    );
    const commitment = await h.until(
      async () => (await listCommitments(h.ctx, { owner: 'U11', status: 'any', today: '2026-11-24' }))[0],
    );
    await interaction({
      type: 'view_submission',
      view: {
        id: 'V126',
        callback_id: 'commitment_edit_modal',
        private_metadata: `${commitment.id}:${commitment.version}`,
        state: {
          values: {
            title: { value: { type: 'plain_text_input', value: 'arrange two cars for the delegation' } },
            owners: { value: { type: 'multi_users_select', selected_users: ['U12'] } },
            due: { value: { type: 'datepicker', selected_date: '2026-11-30' } },
          },
        },
      },
    });
    const edited = await h.until(async () => {
      const current = await getCommitment(h.ctx, commitment.id);
      return current?.version === commitment.version + 1 ? current : undefined;
    });
    expect(edited).toMatchObject({ title: 'arrange two cars for the delegation', dueOn: '2026-11-30' });
    expect(edited.owners.sort()).toEqual(['U12', 'subteam:S0PROTO']);
  });

  it('sends reminders as DMs with Done and Snooze buttons', async () => {
    await logCommitment('U10', 'send the invitation letters by 25 Nov', 'trig-remind');
    const before = h.fake.calls('chat.postMessage').length;
    const result = await sendDueReminders(h.ctx, {
      now: new Date('2026-11-24T03:00:00Z'),
      send: slackReminderSender(h.slack.app.client, h.ctx.logger),
    });
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const dm = h.fake
      .calls('chat.postMessage')
      .slice(before)
      .find((call) => call.args.channel === 'U10');
    expect(JSON.stringify(dm?.args.blocks)).toContain('commitment_done');
    expect(JSON.stringify(dm?.args.blocks)).toContain('commitment_snooze');
  });

  it('schedules, previews and turns off the weekly digest with /digest', async () => {
    await h.command('/digest', 'schedule monday 09:00 Asia/Ho_Chi_Minh', { channelId: 'CDIGEST' });
    await h.until(async () => (await getSchedule(h.ctx, 'CDIGEST'))?.enabled);
    const before = responseUrlPosts(h.fake).length;
    await h.command('/digest', 'preview', { channelId: 'CDIGEST' });
    const preview = await h.until(() => responseUrlPosts(h.fake)[before]);
    expect(preview.response_type).toBe('ephemeral');
    await h.command('/digest', 'someday', { channelId: 'CDIGEST' });
    await h.until(() =>
      responseUrlPosts(h.fake)
        .slice(before)
        .find((body) => /Unknown action 'someday'.*\/digest preview/.test(String(body.text))),
    );
    await h.command('/digest', 'off', { channelId: 'CDIGEST' });
    await h.until(async () => (await getSchedule(h.ctx, 'CDIGEST'))?.enabled === false);
  });

  it('waits for answers still being written when it stops', async () => {
    let release!: () => void;
    h.fake.on('chat.update', (args) => ({ channel: args.channel, ts: args.ts }));
    h.fake.route(
      'POST /api/chat.update',
      () =>
        new Promise((resolve) => {
          release = () => resolve({ body: { ok: true } });
        }),
    );
    await h.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'C1',
      ts: '1732600900.000100',
      text: '<@UBOT> Who is Tran Cuong?',
    });
    await h.until(() => h.slack.deps.inFlight.size > 0 && typeof release === 'function');
    const stopping = h.slack.stop();
    let stopped = false;
    void stopping.then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(h.slack.deps.inFlight.size).toBe(0);
  }, 60_000);
});
