// Worker thread of bench/burst.ts: sends K signed app_mention events to the Slack app at once and
// reports when each acknowledgement arrived. It runs on its own event loop, like Slack does, so a busy
// app delays the acks it measures but not the clock that measures them.
import { createHmac, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface SenderInput {
  baseUrl: string;
  signingSecret: string;
  k: number;
  channel: string;
}

export interface SenderResult {
  /** Milliseconds from the burst's start to each acknowledgement (HTTP status received). */
  ackMs: number[];
  statuses: number[];
  /** Date.now() when the burst started, for the answers the app counts. */
  startedAt: number;
}

const { baseUrl, signingSecret, k, channel } = workerData as SenderInput;

/** Questions about the sample minutes, varied so answers do not all take the same path. */
const QUESTIONS = [
  'What did Guangxi propose on AI?',
  'Who will send the draft MoU, and by when?',
  'What was agreed on border trade?',
  'When is the next joint working group meeting?',
  'What did Lao Cai say about the railway?',
  'Which commitments are still open?',
];

function signed(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    'content-type': 'application/json',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': `v0=${signature}`,
  };
}

const bodies = Array.from({ length: k }, (_, i) =>
  JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event: {
      type: 'app_mention',
      user: `U${i}`,
      channel,
      ts: `1764400000.${String(i).padStart(6, '0')}`,
      text: `<@UBOT> ${QUESTIONS[i % QUESTIONS.length]}`,
    },
  }),
);

// One request first, so loading fetch and opening the first connection are not counted.
await (await fetch(`${baseUrl}/healthz`)).arrayBuffer();
const startedAt = Date.now();
const start = performance.now();
const ackMs: number[] = new Array(k);
const statuses: number[] = new Array(k);
await Promise.all(
  bodies.map(async (body, i) => {
    const response = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: signed(body), body });
    ackMs[i] = performance.now() - start;
    statuses[i] = response.status;
    await response.arrayBuffer();
  }),
);
parentPort!.postMessage({ ackMs, statuses, startedAt } satisfies SenderResult);
