import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.ts';
import { glossSearch } from '../../src/search/gloss.ts';
import { search } from '../../src/search/index.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const database = useMigratedDatabase();
const ctx = () => testContext(database().db);

// Three articles on three topics, in three languages: a question in English finds the one it is about
// only through the gloss (no shared words but a few names).
const ARTICLES = {
  zh: {
    name: 'youyiguan-smart-gate.txt',
    text: [
      '友谊关口岸智慧口岸建设取得新进展',
      '12月10日，中越友谊关口岸智慧口岸项目正式投入使用。',
      '项目采用无人驾驶集装箱卡车和自动化通关系统，货车通关时间由过去的数小时缩短至十几分钟。',
      '凭祥市有关负责人表示，智慧口岸将进一步提升中越边境贸易便利化水平。',
      '今年以来，经友谊关口岸进出口的货物同比增长两成。',
    ].join('\n'),
  },
  vi: {
    name: 'lao-cai-railway.txt',
    text: [
      'Lào Cai đẩy nhanh chuẩn bị dự án đường sắt khổ tiêu chuẩn',
      'Ngày 5/11/2025, Ủy ban nhân dân tỉnh Lào Cai tổ chức hội nghị về dự án tuyến đường sắt Lào Cai - Hà Nội - Hải Phòng.',
      'Tuyến đường sắt khổ tiêu chuẩn dài khoảng 390 km, đi qua 9 tỉnh, thành phố.',
      'Dự án dự kiến khởi công vào cuối năm 2025.',
      'Lãnh đạo tỉnh đề nghị các sở ngành khẩn trương bàn giao mặt bằng cho nhà ga.',
    ].join('\n'),
  },
  en: {
    name: 'da-nang-tourism-fair.txt',
    text: [
      'Da Nang hosts international tourism fair',
      'The Da Nang International Tourism Fair opened on 14 June 2025 with 300 booths from 20 countries.',
      'Travel agencies presented new tour packages for beach and heritage holidays.',
      'Organisers expected more than 25,000 visitors over three days.',
      'Hotels offered discounts of up to 40 percent during the fair.',
    ].join('\n'),
  },
} as const;

const ids: Record<string, number> = {};
beforeAll(async () => {
  for (const [language, article] of Object.entries(ARTICLES)) {
    const report = await ingestFile(ctx(), {
      name: article.name,
      bytes: new TextEncoder().encode(article.text),
      sourceUri: `/minutes/${article.name}`,
    });
    expect(report).toMatchObject({ status: 'ingested', language });
    ids[language] = report.documentId!;
  }
});

describe('cross-lingual search through the English gloss', () => {
  it('finds the Chinese article first for an English question about the smart border gate', async () => {
    const hits = await search(
      ctx(),
      'How has the smart border gate shortened customs clearance for trucks?',
      {
        k: 3,
      },
    );
    expect(hits[0]?.documentId).toBe(ids.zh);
    expect(hits[0]?.glossRank).toBe(1);
  });

  it('finds the Vietnamese article first for an English question about the railway', async () => {
    const hits = await search(ctx(), 'When will construction of the standard-gauge railway start?', { k: 3 });
    expect(hits[0]?.documentId).toBe(ids.vi);
    expect(hits[0]?.glossRank).toBe(1);
  });

  it('finds the English article first for an English question about the tourism fair', async () => {
    const hits = await search(ctx(), 'How many booths were at the tourism fair?', { k: 3 });
    expect(hits[0]?.documentId).toBe(ids.en);
  });

  it('glossSearch ranks the article a French or Swedish question is about first', async () => {
    const pool = database().db.pool;
    const french = await glossSearch(
      pool,
      'Quand commencera la construction du chemin de fer ?',
      'fr',
      5,
      {},
    );
    const swedish = await glossSearch(
      pool,
      'Hur har den smarta gränsövergången förkortat tullklareringen?',
      'sv',
      5,
      {},
    );
    const documentOf = async (chunkId: number | undefined) =>
      (await pool.query<{ document_id: number }>('SELECT document_id FROM chunks WHERE id = $1', [chunkId]))
        .rows[0]?.document_id;
    expect(Number(await documentOf(french[0]?.chunkId))).toBe(ids.vi);
    expect(Number(await documentOf(swedish[0]?.chunkId))).toBe(ids.zh);
  });

  it('glossSearch returns nothing for a question whose words are in no document', async () => {
    const pool = database().db.pool;
    expect(await glossSearch(pool, 'Where do penguins nest on volcanoes?', 'en', 10, {})).toEqual([]);
    // A question with a word of the documents does return something (the check above can fail).
    expect(
      (await glossSearch(pool, 'Where do penguins nest near the railway?', 'en', 10, {})).length,
    ).toBeGreaterThan(0);
  });
});
