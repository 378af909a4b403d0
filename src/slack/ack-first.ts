import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';

/** Longest a piece of deferred work waits for acknowledgements, so a steady stream never starves it. */
const MAX_DEFER_MS = 2_000;
/** Quiet time after the last request before deferred work starts: a burst arrives over many turns. */
const QUIET_MS = 50;

/**
 * Lets Slack's acknowledgements go before work that can wait. Slack gives up on a request after 3 s
 * and retries it; the work after an acknowledgement (deduplicating the event, posting the placeholder,
 * answering) shares one event loop, and on the embedded database one connection, with the requests
 * still being read, verified and acknowledged. The receiver counts requests received and not yet
 * answered; deferred work waits until there are none and none arrived for QUIET_MS (at most
 * MAX_DEFER_MS in all).
 */
export class AckFirst {
  private unanswered = 0;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private waiters: (() => void)[] = [];
  private quietTimer: NodeJS.Timeout | undefined;

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

  /** Resolves once every request received so far has been answered and a quiet moment passed. */
  async acknowledged(): Promise<void> {
    if (this.isQuiet()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(release, MAX_DEFER_MS);
      function release() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(release);
    });
  }

  private isQuiet(): boolean {
    return this.unanswered === 0 && performance.now() - this.lastArrival >= QUIET_MS;
  }

  private track(res: ServerResponse): void {
    this.unanswered += 1;
    this.lastArrival = performance.now();
    clearTimeout(this.quietTimer);
    let done = false;
    const answered = () => {
      if (done) return;
      done = true;
      this.unanswered -= 1;
      if (this.unanswered === 0) this.releaseWhenQuiet();
    };
    res.once('finish', answered);
    res.once('close', answered);
  }

  private releaseWhenQuiet(): void {
    clearTimeout(this.quietTimer);
    const wait = QUIET_MS - (performance.now() - this.lastArrival);
    this.quietTimer = setTimeout(
      () => {
        if (!this.isQuiet()) return;
        const waiters = this.waiters;
        this.waiters = [];
        for (const release of waiters) release();
      },
      Math.max(0, wait),
    );
    this.quietTimer.unref();
  }
}
