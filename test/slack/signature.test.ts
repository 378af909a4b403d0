import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSignatureCheck } from '../../src/slack/signature.ts';

// Slack's v0 request signature, checked by the receiver for the events it acknowledges itself.

const SECRET = 'signing-secret';
const NOW_S = 1_764_400_000;
const check = createSignatureCheck(SECRET, () => NOW_S * 1000);

function sign(body: Buffer | string, timestamp: number | string = NOW_S, secret = SECRET) {
  const hmac = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body);
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${hmac.digest('hex')}`,
  };
}

const BODY = Buffer.from('{"type":"event_callback","event":{"type":"app_mention","text":"Héllo"}}');

describe('Slack signature check', () => {
  it('accepts the body Slack signed, within five minutes either way', () => {
    expect(check(sign(BODY), BODY)).toBe(true);
    expect(check(sign(BODY, NOW_S - 300), BODY)).toBe(true);
    expect(check(sign(BODY, NOW_S + 300), BODY)).toBe(true);
  });

  it('signs the bytes of the body, as Slack does', () => {
    const latin1 = Buffer.from([0x7b, 0xe9, 0x7d]); // not UTF-8
    expect(check(sign(latin1), latin1)).toBe(true);
    expect(check(sign(latin1), Buffer.from(latin1.toString('utf8')))).toBe(false);
  });

  it('refuses another body, another secret, or a timestamp other than the signed one', () => {
    expect(check(sign(BODY), Buffer.from(`${BODY.toString()} `))).toBe(false);
    expect(check(sign(BODY, NOW_S, 'other-secret'), BODY)).toBe(false);
    expect(check({ ...sign(BODY), 'x-slack-request-timestamp': String(NOW_S + 1) }, BODY)).toBe(false);
  });

  it('refuses a replay older or newer than five minutes, even correctly signed', () => {
    expect(check(sign(BODY, NOW_S - 301), BODY)).toBe(false);
    expect(check(sign(BODY, NOW_S + 301), BODY)).toBe(false);
  });

  it('refuses missing or malformed headers', () => {
    const good = sign(BODY);
    const signature = good['x-slack-signature'];
    const cases: Record<string, string | string[] | undefined>[] = [
      {},
      { 'x-slack-signature': signature },
      { 'x-slack-request-timestamp': good['x-slack-request-timestamp'] },
      { ...good, 'x-slack-request-timestamp': `${NOW_S}.5` },
      { ...good, 'x-slack-request-timestamp': ` ${NOW_S}` },
      { ...good, 'x-slack-request-timestamp': [String(NOW_S)] },
      { ...good, 'x-slack-signature': signature.replace('v0=', 'v1=') },
      { ...good, 'x-slack-signature': signature.slice(3) },
      { ...good, 'x-slack-signature': `${signature}00` },
      { ...good, 'x-slack-signature': signature.slice(0, -2) },
      { ...good, 'x-slack-signature': `${signature.slice(0, -1)}g` },
      { ...good, 'x-slack-signature': 'v0=' },
      { ...good, 'x-slack-signature': [signature] },
    ];
    for (const headers of cases) expect(check(headers, BODY), JSON.stringify(headers)).toBe(false);
  });
});
