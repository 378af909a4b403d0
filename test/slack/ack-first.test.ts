import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { HTTPReceiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { AckFirst } from '../../src/slack/ack-first.ts';

// Work deferred after Slack's acknowledgements: it waits for the requests still unanswered, then starts
// in order, and a request that arrives while it starts goes first again.

function watched() {
  const ackFirst = new AckFirst();
  const receiver = { requestListener: () => undefined } as unknown as HTTPReceiver;
  ackFirst.watch(receiver);
  /** A request arrives; the returned function answers it. */
  const arrive = () => {
    const res = new EventEmitter();
    receiver.requestListener({ method: 'POST' } as IncomingMessage, res as unknown as ServerResponse);
    return () => res.emit('finish');
  };
  return { ackFirst, arrive };
}

async function turns(n: number) {
  for (let i = 0; i < n; i++) await nextTurn();
}

describe('AckFirst', () => {
  it('holds work while a request is unanswered and starts it, in order, once all are answered', async () => {
    const { ackFirst, arrive } = watched();
    const answer = arrive();
    const started: number[] = [];
    const all = Array.from({ length: 5 }, (_, i) => ackFirst.acknowledged().then(() => started.push(i)));
    await turns(20);
    expect(started).toEqual([]);
    answer();
    await Promise.all(all);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('lets a request that arrives while deferred work starts go before the rest of that work', async () => {
    const { ackFirst, arrive } = watched();
    const answerFirst = arrive();
    const started: number[] = [];
    let answerSecond: (() => void) | undefined;
    const all = Array.from({ length: 50 }, (_, i) =>
      ackFirst.acknowledged().then(() => {
        started.push(i);
        // The first piece of work to start sees a new request arrive (the next mention of a burst).
        if (i === 0) answerSecond = arrive();
      }),
    );
    answerFirst();
    await new Promise<void>((resolve) => {
      const poll = () => (answerSecond ? resolve() : setTimeout(poll, 5));
      poll();
    });
    await turns(20);
    // Released all at once, the 49 others would all have started in the turn of the first.
    expect(started).toEqual([0]);
    answerSecond?.();
    await Promise.all(all);
    expect(started).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('starts at once when nothing is waiting for an acknowledgement', async () => {
    const { ackFirst } = watched();
    let started = false;
    const work = ackFirst.acknowledged().then(() => {
      started = true;
    });
    await turns(1);
    expect(started).toBe(true);
    await work;
  });
});
