import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.ts';
import { constraintsHeld, questionConstraints, rankByConstraints } from '../../src/search/constraints.ts';
import { search } from '../../src/search/index.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const database = useMigratedDatabase();
const ctx = () => testContext(database().db);

// The minutes of one yearly meeting look alike from one year to the next: only the year, the session's
// ordinal and a few names differ. A question naming the year or the session must find that one.
const meeting = (year: number, session: string, city: string, agreed: string[]) =>
  [
    `${year}年中国广西与越南边境四省党委书记新春会晤在${city}举行`,
    `会晤期间同期举行了联合工作委员会${session}会晤。`,
    ...agreed,
    '双方有关部门和边境地方签署了多份合作文件。',
  ].join('\n');

const TOPICS = [
  '人员培训',
  '卫生防疫',
  '旅游推广',
  '教育交流',
  '禁毒合作',
  '森林防火',
  '水文信息',
  '电力供应',
];
const UNITS = ['交通厅', '商务厅', '外事办', '公安厅', '农业厅', '文化厅'];
const REPORTS = TOPICS.flatMap((topic) =>
  UNITS.map((unit) => `双方听取了${unit}关于${topic}工作的汇报，并就下一步安排交换了意见。`),
);

// The 2019 minutes say much more about smart border gates than the others: without the year and the
// session, they would come first for every question about smart border gates.
const DOCUMENTS = [
  {
    name: 'spring-2019.txt',
    text: meeting(2019, '第十一次', '谅山', [
      '双方同意推进智慧口岸建设，建设智慧口岸示范区。',
      '智慧口岸将缩短货车通关时间，双方将共同建设智慧口岸。',
    ]),
  },
  // The 2021 minutes are long: their year and session are in the first chunk, the agreement in a later one.
  {
    name: 'spring-2021.txt',
    text: meeting(2021, '第十二次', '南宁', [...REPORTS, '双方同意推进智慧口岸建设。']),
  },
  {
    name: 'spring-2023.txt',
    text: meeting(2023, '第十四次', '河江', ['双方同意加强人文交流，推进口岸合作。']),
  },
  {
    name: 'plan-2022-2026.txt',
    text: [
      '广西与越南边境四省签署2022—2026年合作备忘录',
      '备忘录涵盖智慧口岸建设和农产品贸易。',
      '双方有关部门和边境地方签署了多份合作文件。',
    ].join('\n'),
  },
];

const ids: Record<string, number> = {};
beforeAll(async () => {
  for (const document of DOCUMENTS) {
    const report = await ingestFile(ctx(), {
      name: document.name,
      bytes: new TextEncoder().encode(document.text),
      sourceUri: `/minutes/${document.name}`,
    });
    ids[document.name] = report.documentId!;
  }
});

const first = async (question: string) => (await search(ctx(), question, { k: 3 }))[0]?.documentId;

describe('search: the asked year and session first', () => {
  it('finds the minutes of the year an English or Vietnamese question names', async () => {
    expect(await first('What did the Spring Meeting of 2021 agree on smart border gates?')).toBe(
      ids['spring-2021.txt'],
    );
    expect(await first('Gặp gỡ đầu xuân năm 2023 đã thống nhất gì về cửa khẩu thông minh?')).toBe(
      ids['spring-2023.txt'],
    );
    expect(await first('What did the 2019 Spring Meeting agree on smart border gates?')).toBe(
      ids['spring-2019.txt'],
    );
  });

  it('finds the minutes of the session a question names by its ordinal', async () => {
    expect(
      await first('What was agreed on smart border gates at the 12th Joint Working Committee conference?'),
    ).toBe(ids['spring-2021.txt']);
    expect(
      await first('Hội nghị lần thứ mười bốn Ủy ban công tác liên hợp thống nhất gì về cửa khẩu thông minh?'),
    ).toBe(ids['spring-2023.txt']);
  });

  it('does not take the end of a plan period for the year asked', async () => {
    const hits = await search(ctx(), 'What did the Spring Meeting of 2023 agree on smart border gates?', {
      k: 4,
    });
    expect(hits[0]?.documentId).toBe(ids['spring-2023.txt']);
  });

  it('raises a lower-scored document that meets the asked year or session above one that does not', async () => {
    const hits = [
      { documentId: ids['spring-2019.txt']!, publishedOn: null, score: 0.3 },
      { documentId: ids['plan-2022-2026.txt']!, publishedOn: null, score: 0.2 },
      { documentId: ids['spring-2021.txt']!, publishedOn: null, score: 0.15 },
      { documentId: ids['spring-2023.txt']!, publishedOn: '2024-02-20', score: 0.12 },
    ];
    // One chunk of each document stands for it: the constraints are met by the document.
    const { rows } = await database().db.pool.query<{ id: string }>(
      'SELECT min(id) AS id FROM chunks WHERE document_id = ANY ($1::bigint[]) GROUP BY document_id',
      [hits.map((hit) => hit.documentId)],
    );
    const chunkIds = rows.map((row) => Number(row.id));
    const order = async (question: string) => {
      const constraints = questionConstraints(question);
      const held = await constraintsHeld(database().db.pool, chunkIds, constraints);
      return rankByConstraints(hits, constraints, held).map(
        (hit) => DOCUMENTS.find((document) => ids[document.name] === hit.documentId)!.name,
      );
    };
    expect(questionConstraints('Who spoke at the 12th conference in 2021?')).toEqual(['2021', 'ord12']);
    expect((await order('Who spoke at the 12th conference in 2021?'))[0]).toBe('spring-2021.txt');
    expect((await order('Hội nghị lần thứ mười hai diễn ra ở đâu?'))[0]).toBe('spring-2021.txt');
    // Named only as the end of the plan's period: no document meets 2026, the order stays.
    expect(await order('What happens in 2026?')).toEqual(
      hits.map((hit) => DOCUMENTS.find((d) => ids[d.name] === hit.documentId)!.name),
    );
    // A year may also be the publication year.
    expect((await order('What was signed in 2024?'))[0]).toBe('spring-2023.txt');
    expect(await order('What was signed?')).toEqual(await order('What happens in 2026?'));
  });
});
