import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeBrief } from '../../src/brief/service.ts';
import { createLocalEmbedder } from '../../src/embed/local.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { seedAliases } from '../../src/search/aliases.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

const database = useMigratedDatabase();
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await new FakeOpenAI().start();
  await seedAliases(database().db.pool);
  await ingestInputs(testContext(database().db), [SEEDS_DIR]);
}, 120_000);
afterAll(() => fake.stop());

const online = () =>
  testContext(
    database().db,
    { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, EMBEDDER: 'local', LOG_LEVEL: 'silent' },
    createLocalEmbedder(),
  );

/** The number of the source (in the prompt sent) whose text holds all these words. */
function sourceHolding(prompt: string, ...words: string[]): number {
  for (const match of prompt.matchAll(/<source \w+ n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source/g)) {
    if (words.every((word) => match[2]!.includes(word))) return Number(match[1]);
  }
  throw new Error(`no source holds ${words.join(', ')}`);
}

describe('composeBrief with a model (prompts/brief.md)', () => {
  it('keeps the lines verifyCitations supports, with exact quotes, and drops invented or miscited ones', async () => {
    let sent = '';
    fake.chatReply = (body) => {
      sent = body.messages.map((message) => message.content).join('\n');
      const n = sourceHolding(sent, 'Tran Cuong, a également suggéré');
      return [
        '## proposals_counterpart',
        `- Tran Cuong a suggéré la coopération en intelligence artificielle [${n}]`,
        `- Le Guangxi a proposé de construire un port spatial à Nanning [${n}]`,
        '- Le Guangxi a proposé un fonds commun [99]',
        '## agreements',
        '- Un accord a été signé.',
      ].join('\n');
    };
    const brief = await composeBrief(online(), 'Guangxi', {
      today: '2026-11-29',
      request: 'fais-moi un dossier sur le Guangxi',
    });
    expect(sent).toContain('Subject of the brief: Guangxi');
    expect(sent).toContain('Write in French');
    expect(brief).toMatchObject({ mode: 'llm', promptVersion: 'brief-v1', language: 'fr' });
    expect(brief.sections.map((section) => section.kind)).toEqual(['proposals_counterpart']);
    expect(brief.sections[0]!.lines).toEqual([
      expect.objectContaining({
        text: 'Tran Cuong a suggéré la coopération en intelligence artificielle.',
        citations: [1],
      }),
    ]);
    const { rows } = await database().db.pool.query<{ content: string }>(
      'SELECT content FROM documents WHERE id = $1',
      [brief.citations[0]!.documentId],
    );
    const citation = brief.citations[0]!;
    expect(rows[0]!.content.slice(citation.startChar, citation.endChar)).toBe(citation.quote);
    expect(citation.quote).toContain('a également suggéré');
  });

  it('falls back to the offline rules when the model is unavailable', async () => {
    fake.onChat(() => ({ status: 401, body: { error: { message: 'bad key' } } }));
    const brief = await composeBrief(online(), 'Guangxi', { today: '2026-11-29' });
    expect(brief.mode).toBe('rules');
    expect(brief.sections.map((section) => section.kind)).toContain('proposals_counterpart');
  });
});
