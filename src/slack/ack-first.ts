import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';

/** Longest a piece of deferred work waits for acknowledgements, so a steady stream never starves it. */
const MAX_DEFER_MS = 2_000;
/** Quiet time after the last request before deferred work starts: a burst arrives over many turns. */
const QUIET_MS = 50;

interface Waiter {
  release: () => void;
  /** performance.now() after which it goes whatever the requests. */
  deadline: number;
}

/**
 * Lets Slack's acknowledgements go before work that can wait. Slack gives up on a request after 3 s
 * and retries it; the work after an acknowledgement (deduplicating the event, posting the placeholder,
 * answering) shares one event loop, and on the embedded database one connection, with the requests
 * still being read, verified and acknowledged. The receiver counts requests received and not yet
 * answered; deferred work waits until there are none and none arrived for QUIET_MS (at most
 * MAX_DEFER_MS in all).
 *
 * Waiting work starts in order, one piece per turn of the event loop, so requests that arrive meanwhile
 * are read between two pieces, and a request that arrives stops the release until it is answered (work
 * past its MAX_DEFER_MS still goes, one piece per turn). Released all at once, the work deferred during
 * a burst (200 events: 200 dedupe inserts, authorizations, placeholders) ran in one turn while the
 * next requests waited behind it.
 */
export class AckFirst {
  private unanswered = 0;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private readonly waiters: Waiter[] = [];
  private wake: NodeJS.Timeout | undefined;
  private wakeAt = 0;
  private stepScheduled = false;

  /** Counts every POST to the receiver from its arrival until its response is sent or abandoned. */
  watch(receiver: HTTPReceiver): void {
    const next = receiver.requestListener;
    receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'POST') this.track(res);
      next(req, res);
    };
  }

  /** Requests received and not yet answered. */
  get pending(): number {
    return this.unanswered;
  }

  /** Resolves once every request received so far has been answered, a quiet moment passed, and earlier waiting work started. */
  async acknowledged(): Promise<void> {
    if (this.waiters.length === 0 && this.isQuiet(performance.now())) return;
    await new Promise<void>((release) => {
      this.waiters.push({ release, deadline: performance.now() + MAX_DEFER_MS });
      this.schedule();
    });
  }

  private isQuiet(now: number): boolean {
    return this.unanswered === 0 && now - this.lastArrival >= QUIET_MS;
  }

  /** Releases the next waiter on the next turn when it may go, or else wakes when it may. */
  private schedule(): void {
    const head = this.waiters[0];
    if (!head || this.stepScheduled) return;
    const now = performance.now();
    if (this.isQuiet(now) || head.deadline <= now) {
      clearTimeout(this.wake);
      this.wake = undefined;
      this.stepScheduled = true;
      setImmediate(() => this.step());
      return;
    }
    const quietAt = this.unanswered === 0 ? this.lastArrival + QUIET_MS : Number.POSITIVE_INFINITY;
    const at = Math.min(quietAt, head.deadline);
    // A wake already due no later looks again then (each of a burst's requests would otherwise re-arm it).
    if (this.wake && this.wakeAt <= at) return;
    clearTimeout(this.wake);
    this.wakeAt = at;
    this.wake = setTimeout(
      () => {
        this.wake = undefined;
        this.schedule();
      },
      Math.max(0, at - now),
    );
  }

  private step(): void {
    this.stepScheduled = false;
    const head = this.waiters[0];
    const now = performance.now();
    if (head && (this.isQuiet(now) || head.deadline <= now)) {
      this.waiters.shift();
      head.release();
    }
    this.schedule();
  }

  private track(res: ServerResponse): void {
    this.unanswered += 1;
    this.lastArrival = performance.now();
    let done = false;
    const answered = () => {
      if (done) return;
      done = true;
      this.unanswered -= 1;
      if (this.unanswered === 0) this.schedule();
    };
    res.once('finish', answered);
    res.once('close', answered);
  }
}
