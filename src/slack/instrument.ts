import { randomUUID } from 'node:crypto';
import type { App, ReceiverEvent } from '@slack/bolt';
import { withRequestId } from '../log.ts';
import { slackAckSeconds } from '../metrics.ts';
import { ACKNOWLEDGED_EARLY } from './receiver.ts';

/**
 * Wraps the app's entry point for every signed request: it gets a short request id (carried by every
 * log line written while handling it, and shown in apologies), and the time until its acknowledgement
 * is recorded per surface. Bolt acknowledges commands and interactions (and events while the bot's
 * identity is unknown) inside processEvent; events acknowledged by the receiver are timed there.
 */
export function instrumentRequests(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event: ReceiverEvent) => {
    // The receiver acknowledged (and timed) an early-acknowledged event already.
    if (event.customProperties?.[ACKNOWLEDGED_EARLY]) {
      return withRequestId(randomUUID().slice(0, 8), () => processEvent(event));
    }
    const started = performance.now();
    const ack = event.ack;
    const surface = surfaceOf(event.body);
    const timed: ReceiverEvent = {
      ...event,
      ack: async (response) => {
        await ack(response);
        slackAckSeconds.observe({ surface }, (performance.now() - started) / 1000);
      },
    };
    return withRequestId(randomUUID().slice(0, 8), () => processEvent(timed));
  };
}

/** event:<type>, command:/<name>, or the interaction type (block_actions, view_submission…). */
function surfaceOf(body: Record<string, unknown>): string {
  if (body.type === 'event_callback') {
    return `event:${String((body.event as { type?: string } | undefined)?.type ?? 'unknown')}`;
  }
  if (typeof body.command === 'string') return `command:${body.command}`;
  return String(body.type ?? 'unknown');
}
