import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of the process, served at /metrics by the HTTP receiver. One registry per
 * process, like the logger: services record into it, only the receiver reads it.
 */
export const registry = new Registry();

/** Seconds from a signed Slack request reaching the app to its acknowledgement (Slack gives up at 3 s). */
export const slackAckSeconds = new Histogram({
  name: 'minutebook_slack_ack_seconds',
  help: 'Time from a Slack request reaching the app to its HTTP acknowledgement, per surface',
  labelNames: ['surface'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const answerSeconds = new Histogram({
  name: 'minutebook_answer_seconds',
  help: 'Time to answer a question (retrieval, model, verification), per mode',
  labelNames: ['mode'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const answersTotal = new Counter({
  name: 'minutebook_answers_total',
  help: 'Questions answered, per mode and outcome (answered, abstained, failed)',
  labelNames: ['mode', 'outcome'] as const,
  registers: [registry],
});

export const citationDropsTotal = new Counter({
  name: 'minutebook_citation_drops_total',
  help: 'Sentences of model answers removed by citation verification',
  registers: [registry],
});

export const modelErrorsTotal = new Counter({
  name: 'minutebook_model_errors_total',
  help: 'Failed chat model requests, per kind (timeout, rate-limit, server, connection, auth, empty, other)',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const ingestedTotal = new Counter({
  name: 'minutebook_ingest_inputs_total',
  help: 'Ingestion inputs, per outcome (ingested, updated, unchanged, skipped)',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const remindersSentTotal = new Counter({
  name: 'minutebook_reminders_sent_total',
  help: 'Commitment reminders sent, per outcome (sent, failed)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const digestsPostedTotal = new Counter({
  name: 'minutebook_digest_posts_total',
  help: 'Weekly digest posts by this instance, per outcome (posted, failed)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

let queueDepths: (() => Promise<Record<string, number>>) | undefined;

/** The job queues report their depth through this once they run (serve with Slack). */
export function reportQueueDepthWith(source: (() => Promise<Record<string, number>>) | undefined): void {
  queueDepths = source;
}

new Gauge({
  name: 'minutebook_job_queue_depth',
  help: 'Jobs waiting in each pg-boss queue (queued, not yet active)',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    if (!queueDepths) return;
    for (const [queue, depth] of Object.entries(await queueDepths())) this.set({ queue }, depth);
  },
});

export const answerQueueWaitSeconds = new Histogram({
  name: 'minutebook_answer_queue_wait_seconds',
  help: 'Time a Slack question waited in the answer queue before its answer started',
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300],
  registers: [registry],
});

export const answerQueueRejectedTotal = new Counter({
  name: 'minutebook_answer_queue_rejected_total',
  help: 'Slack questions refused because the answer queue was full (the asker was told to ask again)',
  registers: [registry],
});

let answerQueueState: (() => { waiting: number; running: number }) | undefined;

/** The Slack app's answer queue reports how many questions wait and run through this. */
export function reportAnswerQueueWith(
  source: (() => { waiting: number; running: number }) | undefined,
): void {
  answerQueueState = source;
}

new Gauge({
  name: 'minutebook_answer_queue_depth',
  help: 'Slack questions in the answer queue, per state (waiting for a turn, running)',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    if (!answerQueueState) return;
    const { waiting, running } = answerQueueState();
    this.set({ state: 'waiting' }, waiting);
    this.set({ state: 'running' }, running);
  },
});
