import { setImmediate as nextTurn } from 'node:timers/promises';
import PQueue from 'p-queue';
import { answerQueueRejectedTotal, answerQueueWaitSeconds, reportAnswerQueueWith } from '../metrics.ts';

/**
 * A place in the answer queue, reserved before the asker is told anything (so the placeholder can say
 * whether the question waits). Exactly one of `run` or `release` must be called.
 */
export interface AnswerTicket {
  /** 0 when the question starts at once; otherwise its place in line (1 = next). */
  readonly position: number;
  /**
   * Runs `work` in the ticket's turn and resolves when it has finished. When the app stops before the
   * turn came, `cancelled` runs instead (to tell the asker), so no reserved question ends in silence.
   */
  run(work: () => Promise<void>, cancelled: () => Promise<void>): Promise<void>;
  /** Gives the place up (the asker could not be told, so nothing will run). */
  release(): void;
}

export interface AnswerQueueOptions {
  /** Questions worked on at the same time. */
  concurrency: number;
  /** Questions that may wait for a turn; one more is refused. */
  limit: number;
  /** Awaited before each turn (the app lets pending Slack acknowledgements go first). */
  beforeTurn?: () => Promise<void>;
}

/**
 * Bounds the answer work of the Slack app. A burst of questions would otherwise start every answer at
 * once: on the embedded database all their queries share one in-process connection, and their CPU
 * work shares the event loop with the HTTP acknowledgements Slack waits for (3 s, then it retries).
 * Only `concurrency` answers run; the others wait in order, up to `limit`, after which the asker is told
 * the bot is busy. Each turn starts on a fresh event-loop turn, after `beforeTurn`, so pending requests
 * are acknowledged between answers.
 */
export class AnswerQueue {
  private readonly queue: PQueue;
  private readonly options: AnswerQueueOptions;
  private stopping = false;

  constructor(options: AnswerQueueOptions) {
    this.options = options;
    this.queue = new PQueue({ concurrency: options.concurrency });
    reportAnswerQueueWith(() => ({ waiting: this.queue.size, running: this.queue.pending }));
  }

  /** Questions waiting for a turn. */
  get waiting(): number {
    return this.queue.size;
  }

  /** Questions being answered. */
  get running(): number {
    return this.queue.pending;
  }

  get limit(): number {
    return this.options.limit;
  }

  /** A place in line, or undefined when `limit` questions already wait (the asker must be told). */
  reserve(): AnswerTicket | undefined {
    if (this.queue.size >= this.options.limit) {
      answerQueueRejectedTotal.inc();
      return undefined;
    }
    type Turn = { work: () => Promise<void>; cancelled: () => Promise<void> } | undefined;
    let give!: (turn: Turn) => void;
    const turn = new Promise<Turn>((resolve) => {
      give = resolve;
    });
    const enqueuedAt = performance.now();
    const sizeBefore = this.queue.size;
    // p-queue starts a task synchronously when a slot is free, so the size tells whether it waits.
    const done = this.queue.add(async () => {
      answerQueueWaitSeconds.observe((performance.now() - enqueuedAt) / 1000);
      await nextTurn();
      await this.options.beforeTurn?.();
      const given = await turn;
      if (!given) return;
      await (this.stopping ? given.cancelled() : given.work());
    });
    const position = this.queue.size > sizeBefore ? this.queue.size : 0;
    let used = false;
    const use = (given: Turn) => {
      if (used) throw new Error('an answer ticket is used once');
      used = true;
      give(given);
    };
    return {
      position,
      run: (work, cancelled) => {
        use({ work, cancelled });
        return done;
      },
      release: () => {
        use(undefined);
        done.catch(() => undefined);
      },
    };
  }

  /** From now on, questions still waiting are cancelled (told to ask again) instead of answered. */
  stop(): void {
    this.stopping = true;
  }
}
