import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../log.ts';

/** Slack's rule: a request whose timestamp is more than five minutes from now, either way, is a replay. */
export const MAX_REQUEST_SKEW_SECONDS = 300;

/**
 * Refuses (401) requests whose X-Slack-Request-Timestamp is more than five minutes from now. Bolt only
 * refuses old ones, so a captured request stamped in the future could be replayed until its time
 * passed. Runs before Bolt reads the body; requests without the header (health checks) go through.
 */
export function refuseStaleRequests(receiver: HTTPReceiver, logger: Logger, now: () => number = Date.now) {
  const next = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    if (header !== undefined) {
      const seconds = Number(header);
      const skew = Math.abs(Math.floor(now() / 1000) - seconds);
      if (!Number.isInteger(seconds) || skew > MAX_REQUEST_SKEW_SECONDS) {
        logger.warn(
          { timestamp: header, path: req.url },
          'Slack request refused: timestamp more than 5 minutes off',
        );
        res.writeHead(401).end();
        req.resume();
        return;
      }
    }
    next(req, res);
  };
}
