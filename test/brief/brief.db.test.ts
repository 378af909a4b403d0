import { beforeAll, describe, expect, it } from 'vitest';
import { type BriefLine, composeBrief } from '../../src/brief/service.ts';
import { createCommitment } from '../../src/commitments/service.ts';
import { insertQuestion } from '../../src/db/questions.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { seedAliases } from '../../src/search/aliases.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

const database = useMigratedDatabase();
const ctx = () => testContext(database().db);
const TODAY = '2026-11-29';

async function commitment(
  title: string,
  dueOn: string | null,
  where: { channelId?: string; private?: boolean } = {},
) {
  const { commitment: row } = await createCommitment(ctx(), {
    parsed: { title, owners: ['U0LAN'], dueOn, tz: 'Asia/Ho_Chi_Minh', dueText: null },
    createdBy: 'U0AUTHOR',
    channelId: where.channelId ?? null,
    visibility: where.private ? 'private' : 'public',
  });
  return row.id;
}

function unanswered(question: string, channelId: string | null) {
  return insertQuestion(database().db.pool, {
    question,
    language: 'en',
    answer: "I couldn't find this in the indexed documents.",
    abstained: true,
    citations: [],
    chunkIds: [],
    promptVersion: null,
    model: null,
    latencyMs: 5,
    error: null,
    channelId,
  });
}

let ids: Record<string, number>;
beforeAll(async () => {
  await seedAliases(database().db.pool);
  await ingestInputs(ctx(), [SEEDS_DIR]);
  ids = {
    overdue: await commitment('send the draft MoU to Quảng Tây FAO', '2026-11-20'),
    later: await commitment('book interpreters for the Guangxi delegation', '2026-12-10'),
    unrelated: await commitment('renew the Lang Son border pass', '2026-11-01'),
    privateElsewhere: await commitment('Guangxi budget note for the minister', '2026-12-01', {
      channelId: 'GPRIVATE1',
      private: true,
    }),
    question: await unanswered('What did Guangxi say about football?', null),
    privateQuestion: await unanswered('Is the 广西 visa list final?', 'GPRIVATE1'),
  };
  await unanswered('Who chairs the Hai Phong office?', null);
});

function allLines(lines: { lines: BriefLine[] }[]) {
  return lines.flatMap((section) => section.lines);
}

describe('composeBrief', () => {
  it('gives a dossier on Guangxi whose every line is cited (exact quotes) or a commitment or question id', async () => {
    const brief = await composeBrief(ctx(), 'Guangxi', { today: TODAY });
    expect(brief.language).toBe('en');
    expect(brief.sections.map((section) => section.kind)).toEqual([
      'timeline',
      'proposals_counterpart',
      'proposals_ours',
      'agreements',
      'commitments',
      'open_questions',
    ]);
    const { rows } = await database().db.pool.query<{ id: string; content: string }>(
      'SELECT id, content FROM documents',
    );
    const content = new Map(rows.map((row) => [Number(row.id), row.content]));
    for (const citation of brief.citations) {
      expect(content.get(citation.documentId)!.slice(citation.startChar, citation.endChar)).toBe(
        citation.quote,
      );
    }
    expect(brief.citations.map((citation) => citation.n)).toEqual(
      brief.citations.map((_, index) => index + 1),
    );
    for (const section of brief.sections) {
      for (const line of section.lines) {
        const carries =
          line.citations.length > 0 || line.commitmentId !== undefined || line.questionId !== undefined;
        expect(carries, `${section.kind}: ${line.text}`).toBe(true);
        for (const n of line.citations)
          expect(brief.citations.some((citation) => citation.n === n)).toBe(true);
      }
    }
    const section = (kind: string) => brief.sections.find((candidate) => candidate.kind === kind)!.lines;
    // Newest meeting first, with its place and participants.
    const timeline = section('timeline');
    expect(timeline[0]!.text).toMatch(/^2025-02-21 · Ha Long · .*Vu Dai Thang/);
    expect([...timeline.map((line) => line.text.slice(0, 10))]).toEqual(
      [...timeline.map((line) => line.text.slice(0, 10))].sort().reverse(),
    );
    // Tran Cuong is Guangxi's secretary; Vu Dai Thang is Quang Ninh's.
    expect(
      section('proposals_counterpart').some((line) => /Tran Cuong, a également suggéré/.test(line.text)),
    ).toBe(true);
    expect(section('proposals_counterpart').some((line) => /Vu Dai Thang/.test(line.text))).toBe(false);
    expect(section('proposals_ours').every((line) => /Vu Dai Thang/.test(line.text))).toBe(true);
    // The French article and its Swedish translation are one source: either one reports the signing.
    expect(section('agreements').every((line) => /signé|undertecknade/.test(line.text))).toBe(true);
    // Overdue first; aliases apply (Quảng Tây); unrelated ones left out; the CLI (server) sees private ones.
    expect(section('commitments').map((line) => line.commitmentId)).toEqual([
      ids.overdue,
      ids.privateElsewhere,
      ids.later,
    ]);
    expect(section('commitments')[0]).toMatchObject({
      text: `#${ids.overdue} send the draft MoU to Quảng Tây FAO`,
      owners: ['U0LAN'],
      due: 'overdue 2026-11-20',
    });
    expect(section('open_questions').map((line) => line.questionId)).toEqual(
      expect.arrayContaining([ids.question, ids.privateQuestion]),
    );
  });

  it('respects the conversation: another channel sees neither its private commitment nor its questions', async () => {
    const elsewhere = await composeBrief(ctx(), 'Quảng Tây', {
      today: TODAY,
      viewer: { userId: 'U0OTHER', channelId: 'C0PUBLIC' },
    });
    const lines = allLines(elsewhere.sections);
    expect(lines.some((line) => line.commitmentId === ids.privateElsewhere)).toBe(false);
    expect(lines.some((line) => line.questionId === ids.privateQuestion)).toBe(false);
    expect(lines.some((line) => line.questionId === ids.question)).toBe(true);
    const there = await composeBrief(ctx(), '广西', {
      today: TODAY,
      viewer: { userId: 'U0OTHER', channelId: 'GPRIVATE1' },
    });
    const inside = allLines(there.sections);
    expect(inside.some((line) => line.commitmentId === ids.privateElsewhere)).toBe(true);
    expect(inside.some((line) => line.questionId === ids.privateQuestion)).toBe(true);
  });

  it('answers in the asker’s language and omits sections with nothing verified', async () => {
    const french = await composeBrief(ctx(), 'Guangxi', {
      today: TODAY,
      request: 'fais-moi un dossier sur le Guangxi',
    });
    expect(french.language).toBe('fr');
    expect(french.title).toBe('Dossier : Guangxi');
    expect(french.sections[0]!.heading).toBe('Réunions');
    // A Vietnamese name alone does not make the asker Vietnamese.
    expect((await composeBrief(ctx(), 'Quảng Tây', { today: TODAY, request: 'Quảng Tây' })).language).toBe(
      'en',
    );
    expect(
      (await composeBrief(ctx(), 'Quảng Tây', { today: TODAY, request: 'tóm tắt về Quảng Tây' })).language,
    ).toBe('vi');
    const nothing = await composeBrief(ctx(), 'Atlantis', { today: TODAY });
    expect(nothing.sections).toEqual([]);
    expect(nothing.citations).toEqual([]);
    expect(nothing.empty).toMatch(/Nothing verified about Atlantis/);
  });

  it('--since leaves out older meetings', async () => {
    const brief = await composeBrief(ctx(), 'Guangxi', { today: TODAY, since: '2025-02-21' });
    const timeline = brief.sections.find((section) => section.kind === 'timeline')!.lines;
    expect(timeline.map((line) => line.text.slice(0, 10))).toEqual(['2025-02-21']);
  });
});
