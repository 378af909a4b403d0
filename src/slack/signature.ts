import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { MAX_REQUEST_SKEW_SECONDS } from './request-freshness.ts';

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Slack's request signature check (v0: HMAC-SHA256 of `v0:<timestamp>:<body bytes>` under the signing
 * secret, timestamp within five minutes), for the requests the receiver acknowledges itself. The same
 * rule as Bolt's, at a fraction of its cost: Bolt derives the key from the secret string on every request
 * and compares with tsscmp, which hashes both signatures again under a fresh random key (≈ 190 µs a
 * request against ≈ 13 µs here), and a burst of 200 events is verified one after another on the loop
 * that sends their acknowledgements.
 */
export function createSignatureCheck(
  signingSecret: string,
  now: () => number = Date.now,
): (headers: IncomingHttpHeaders, rawBody: Buffer) => boolean {
  const key = createSecretKey(Buffer.from(signingSecret, 'utf8'));
  return (headers, rawBody) => {
    const timestamp = headers['x-slack-request-timestamp'];
    const signature = headers['x-slack-signature'];
    if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) return false;
    if (Math.abs(Math.floor(now() / 1000) - Number(timestamp)) > MAX_REQUEST_SKEW_SECONDS) return false;
    if (typeof signature !== 'string' || !SIGNATURE.test(signature)) return false;
    const expected = createHmac('sha256', key).update(`v0:${timestamp}:`).update(rawBody).digest();
    return timingSafeEqual(Buffer.from(signature.slice(3), 'hex'), expected);
  };
}
