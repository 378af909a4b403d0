import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/index.ts';
import { getQuestion, reopenedAnswer } from '../../src/answer/questions.ts';
import { renderAnswerText } from '../../src/answer/render.ts';
import type { ParsedCommitment } from '../../src/commitments/parse.ts';
import {
  type Commitment,
  cancelCommitment,
  completeCommitment,
  createCommitment,
} from '../../src/commitments/service.ts';
import type { AppContext } from '../../src/context.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

// "What did we promise Guangxi on railways?" needs the minutes (what was said at the meeting) and the
// commitments table (what the secretariat logged since): both are cited, [1] and [C12].
const database = useMigratedDatabase();
const fake = new FakeOpenAI();
let dir: string;
let offline: AppContext;
let online: AppContext;

const MINUTES = [
  '# Minutes of the Lang Son – Guangxi joint working group, Nanning, 12 November 2026',
  '',
  'The joint working group of Lang Son province and the Guangxi Zhuang Autonomous Region met in Nanning on 12 November 2026.',
  '',
  'On railways, the Vietnamese side promised Guangxi to finish the feasibility study of the Dong Dang – Nanning standard-gauge railway by the end of 2026.',
  '',
  'The two sides also reviewed the opening hours of the Huu Nghi border gate and agreed to extend them during the harvest season.',
].join('\n');

const PRIVATE_CHANNEL = 'GPRIVATE1';
const OTHER_CHANNEL = 'COTHER1';

let open: Commitment;
let cancelled: Commitment;
let done: Commitment;
let secret: Commitment;

function parsed(title: string, overrides: Partial<ParsedCommitment> = {}): ParsedCommitment {
  return {
    title,
    owners: ['U0LAN'],
    dueOn: '2026-12-04',
    tz: 'Asia/Ho_Chi_Minh',
    dueText: null,
    ...overrides,
  };
}

beforeAll(async () => {
  await fake.start();
  offline = testContext(database().db);
  online = testContext(database().db, {
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: fake.baseURL,
    EMBEDDER: 'local',
  });
  dir = await mkdtemp(path.join(tmpdir(), 'minutebook-commitment-answers-'));
  await writeFile(path.join(dir, 'working-group-2026.md'), MINUTES);
  await ingestInputs(offline, [dir]);
  open = (
    await createCommitment(offline, {
      parsed: parsed('send Guangxi the railway survey data'),
      createdBy: 'U0LAN',
      sourceText: '@lan send Guangxi the railway survey data by 4 Dec',
    })
  ).commitment;
  cancelled = (
    await createCommitment(offline, {
      parsed: parsed('build a railway freight yard for Guangxi at Dong Dang', { owners: ['U0MAI'] }),
      createdBy: 'U0MAI',
    })
  ).commitment;
  cancelled = await cancelCommitment(offline, cancelled.id, 'U0MAI');
  done = (
    await createCommitment(offline, {
      parsed: parsed('send Guangxi the railway timetable proposal', { dueOn: '2026-11-20' }),
      createdBy: 'U0LAN',
    })
  ).commitment;
  done = await completeCommitment(offline, done.id, 'U0LAN');
  // Logged in a private channel: only answers in that channel may cite it, whoever asks elsewhere.
  secret = (
    await createCommitment(offline, {
      parsed: parsed('share the Guangxi railway tariff draft', { owners: ['U0ASKER'] }),
      createdBy: 'U0ASKER',
      channelId: PRIVATE_CHANNEL,
      visibility: 'private',
    })
  ).commitment;
}, 120_000);

afterAll(async () => {
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('answers cite the minutes and the commitments', () => {
  it('offline: quotes the minute [1] and the commitments [C12] with their status now', async () => {
    const result = await answerQuestion(offline, 'What did we promise Guangxi on railways?');
    expect(result.abstained).toBe(false);
    expect(result.citations.map((citation) => citation.quote).join('\n')).toContain(
      'feasibility study of the Dong Dang – Nanning standard-gauge railway',
    );
    expect(result.answer).toContain('[1]');
    const cited = new Map(result.commitments.map((commitment) => [commitment.id, commitment]));
    expect(cited.get(open.id)).toMatchObject({
      status: 'open',
      owners: ['U0LAN'],
      due_on: '2026-12-04',
      completed_on: null,
    });
    expect(result.answer).toContain(
      `“send Guangxi the railway survey data” [C${open.id}] (open, due 2026-12-04)`,
    );
    // Done: its completion date. Cancelled: said so, never open.
    expect(cited.get(done.id)?.completed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.answer).toContain(`[C${done.id}] (done on ${cited.get(done.id)!.completed_on})`);
    expect(cited.get(cancelled.id)?.status).toBe('cancelled');
    expect(result.answer).toContain(`[C${cancelled.id}] (cancelled)`);
    expect(result.answer).not.toMatch(new RegExp(`\\[C${cancelled.id}\\] \\(open`));
    // A commitment private to another conversation never leaks, not even to its owner asking elsewhere.
    expect(cited.has(secret.id)).toBe(false);
    expect(result.answer).not.toContain('tariff');

    const text = renderAnswerText(result);
    expect(text).toMatch(/\nSources:\n\[1\] working-group-2026|\nSources:\n\[1\] Minutes of the Lang Son/);
    expect(text).toContain(
      `\nCommitments:\nC${open.id} · open · owner U0LAN · due 2026-12-04\n    “send Guangxi the railway survey data”`,
    );
    expect(text).toContain(`C${cancelled.id} · cancelled · owner U0MAI\n`);

    const logged = await getQuestion(offline, result.questionId);
    expect(logged?.commitmentIds.sort()).toEqual(
      result.commitments.map((commitment) => commitment.id).sort(),
    );
  });

  it('cites a private commitment only in its own conversation', async () => {
    const inside = await answerQuestion(offline, 'What did we promise Guangxi on railways?', {
      channelId: PRIVATE_CHANNEL,
      askedBy: 'U0ASKER',
    });
    expect(inside.commitments.map((commitment) => commitment.id)).toContain(secret.id);
    const elsewhere = await answerQuestion(offline, 'What did we promise Guangxi on the railway tariff?', {
      channelId: OTHER_CHANNEL,
      askedBy: 'U0ASKER',
    });
    expect(elsewhere.commitments.map((commitment) => commitment.id)).not.toContain(secret.id);
    expect(elsewhere.answer).not.toContain('tariff draft');
  });

  it('leaves commitments out of answers to questions they do not match', async () => {
    const result = await answerQuestion(
      offline,
      'When are the opening hours of the Huu Nghi border gate extended?',
    );
    expect(result.commitments).toEqual([]);
  });

  it('a reopened answer shows the status now: cancelled since, never still open', async () => {
    const { commitment: later } = await createCommitment(offline, {
      parsed: parsed('send Guangxi the port crane drawings'),
      createdBy: 'U0LAN',
    });
    const result = await answerQuestion(offline, 'What did we promise Guangxi on the port crane drawings?');
    expect(result.answer).toContain(`[C${later.id}] (open, due 2026-12-04)`);
    await cancelCommitment(offline, later.id, 'U0LAN');
    const reopened = await reopenedAnswer(offline, (await getQuestion(offline, result.questionId))!);
    expect(reopened.answer).toContain(`[C${later.id}] (cancelled)`);
    expect(reopened.answer).not.toContain(`[C${later.id}] (open`);
    expect(reopened.commitments.find((commitment) => commitment.id === later.id)?.status).toBe('cancelled');
  });
});

describe('with a language model', () => {
  it('gives the commitments as [C12] sources and verifies [C12] citations against them', async () => {
    let prompt = '';
    fake.chatReply = (body) => {
      prompt = body.messages[1]!.content;
      const minute =
        /<source [0-9a-f]+ n="(\d+)"[^>]*>\n[^<]*promised Guangxi to finish/.exec(prompt)?.[1] ?? '0';
      return [
        `The Vietnamese side promised Guangxi to finish the feasibility study of the Dong Dang – Nanning railway by the end of 2026 [${minute}].`,
        `We promised to send Guangxi the railway survey data by 4 December 2026 [C${open.id}].`,
        // Unsupported by its commitment: the date is not the commitment's.
        `We promised to send Guangxi the railway survey data by 9 January 2027 [C${open.id}].`,
        // A cancelled commitment presented as owed: dropped.
        `We still owe Guangxi a railway freight yard at Dong Dang [C${cancelled.id}].`,
        `The railway freight yard for Guangxi at Dong Dang was cancelled [C${cancelled.id}].`,
        // Not given to the model (private to another conversation): an unknown citation, dropped.
        `We promised to share the Guangxi railway tariff draft [C${secret.id}].`,
      ].join(' ');
    };
    const result = await answerQuestion(online, 'What did we promise Guangxi on railways?', {
      channelId: OTHER_CHANNEL,
    });
    expect(prompt).toContain(`n="C${open.id}" status="open" owners="U0LAN" due="2026-12-04"`);
    expect(prompt).toContain(`n="C${cancelled.id}" status="cancelled"`);
    expect(prompt).not.toContain('tariff');
    expect(result.promptVersion).toBe('answer-v2');
    expect(result.answer).toBe(
      'The Vietnamese side promised Guangxi to finish the feasibility study of the Dong Dang – Nanning railway by the end of 2026 [1]. ' +
        `We promised to send Guangxi the railway survey data by 4 December 2026 [C${open.id}]. ` +
        `The railway freight yard for Guangxi at Dong Dang was cancelled [C${cancelled.id}].`,
    );
    expect(result.citations).toHaveLength(1);
    expect(result.citations[0]!.quote).toContain('feasibility study');
    expect(result.commitments.map((commitment) => [commitment.id, commitment.status])).toEqual([
      [open.id, 'open'],
      [cancelled.id, 'cancelled'],
    ]);
    fake.assertNoUnhandled();
  });
});
