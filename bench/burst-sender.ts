// Worker thread of bench/burst.ts: sends K signed app_mention events to the Slack app at once (or spread
// evenly over --spread ms) and reports when each acknowledgement arrived. It runs on its own event loop,
// like Slack does, so a busy app delays the acks it measures but not the clock that measures them.
// The default `raw` sender writes prebuilt, presigned HTTP/1.1 requests on plain TCP sockets and reads
// the status line: on a 2-core host shared with the app, `fetch` (undici) spent ≈ 2 ms of the sender's
// CPU per request, so its own thread, busy 100 % of the ack window, delayed both sending and reading.
import { createHmac, randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface SenderInput {
  baseUrl: string;
  signingSecret: string;
  k: number;
  channel: string;
  /** `raw`: prebuilt requests on plain sockets (light); `fetch`: undici's fetch (≈ 2 ms of CPU per request). */
  sender: 'raw' | 'fetch';
  /** Requests are sent evenly over this many ms (0: all at once). */
  spreadMs: number;
}

export interface SenderResult {
  /** Milliseconds from each request's own send time to its acknowledgement (HTTP status received). */
  ackMs: number[];
  /** Milliseconds from the burst's start to each acknowledgement. */
  doneMs: number[];
  statuses: number[];
  /** Date.now() when the burst started, for the answers the app counts. */
  startedAt: number;
  /** Absolute times (performance.timeOrigin + now, ms) of the sender's milestones, one per request or connection. */
  phases: Record<SenderPhase, number[]>;
  /** The burst's start, as an absolute time (ms). */
  startAbs: number;
  /** Event-loop utilisation of the sender's thread from the start to the last acknowledgement. */
  senderElu: number;
}

export type SenderPhase = 'created' | 'connected' | 'headersSent' | 'responseHeaders';

const { baseUrl, signingSecret, k, channel, sender, spreadMs } = workerData as SenderInput;

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

const now = () => performance.timeOrigin + performance.now();
const phases: Record<SenderPhase, number[]> = {
  created: [],
  connected: [],
  headersSent: [],
  responseHeaders: [],
};
let measuring = false;
const mark = (phase: SenderPhase) => {
  if (measuring) phases[phase].push(now());
};
// fetch runs on undici, whose diagnostics channels give its milestones.
subscribe('undici:request:create', () => mark('created'));
subscribe('undici:client:connected', () => mark('connected'));
subscribe('undici:client:sendHeaders', () => mark('headersSent'));
subscribe('undici:request:headers', () => mark('responseHeaders'));

const url = new URL(baseUrl);

/** A whole signed HTTP/1.1 request, built before the burst starts. */
function rawRequest(body: string): Buffer {
  const headers = signed(body);
  const head = [
    'POST /slack/events HTTP/1.1',
    `Host: ${url.host}`,
    `Content-Type: ${headers['content-type']}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Slack-Request-Timestamp: ${headers['x-slack-request-timestamp']}`,
    `X-Slack-Signature: ${headers['x-slack-signature']}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return Buffer.from(head + body);
}

/** Sends one prebuilt request on a new connection; resolves with the response's status. */
function sendRaw(request: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    mark('created');
    const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    let head = '';
    socket.once('connect', () => {
      mark('connected');
      socket.write(request);
      mark('headersSent');
    });
    socket.on('data', (chunk: Buffer) => {
      if (!head) mark('responseHeaders');
      head += chunk.toString('latin1');
      const line = head.indexOf('\r\n');
      if (line < 0) return;
      const status = Number(head.slice(0, line).split(' ')[1]);
      socket.destroy();
      resolve(status);
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('connection closed before a status line')));
  });
}

async function sendFetch(body: string): Promise<number> {
  const response = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: signed(body), body });
  await response.arrayBuffer();
  return response.status;
}

// One request first, so loading fetch and opening the first connection are not counted.
await (await fetch(`${baseUrl}/healthz`)).arrayBuffer();
const requests = sender === 'raw' ? bodies.map(rawRequest) : [];
// The app's thread starts its measurements, then says go (so this thread's start-up is not measured).
await new Promise<void>((resolve) => {
  parentPort!.once('message', () => resolve());
  parentPort!.postMessage('ready');
});
measuring = true;
const startedAt = Date.now();
const startAbs = now();
const eluStart = performance.eventLoopUtilization();
const start = performance.now();
const ackMs: number[] = new Array(k);
const doneMs: number[] = new Array(k);
const statuses: number[] = new Array(k);
const sendAt = (i: number) => (k > 1 ? (i * spreadMs) / (k - 1) : 0);
await Promise.all(
  bodies.map(async (body, i) => {
    const at = sendAt(i);
    if (at > 0) await new Promise((resolve) => setTimeout(resolve, at - (performance.now() - start)));
    const sentAt = performance.now();
    statuses[i] = await (sender === 'raw' ? sendRaw(requests[i]!) : sendFetch(body));
    doneMs[i] = performance.now() - start;
    ackMs[i] = performance.now() - sentAt;
  }),
);
const senderElu = performance.eventLoopUtilization(eluStart).utilization;
measuring = false;
parentPort!.postMessage({
  ackMs,
  doneMs,
  statuses,
  startedAt,
  phases,
  startAbs,
  senderElu,
} satisfies SenderResult);
