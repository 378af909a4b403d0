import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.ts';
import { lexicalSearch } from '../../src/search/lexical.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const database = useMigratedDatabase();
const ctx = () => testContext(database().db);

const ingest = async (name: string, text: string) =>
  ingestFile(ctx(), { name, bytes: new TextEncoder().encode(text), sourceUri: `/minutes/${name}` });

// Search keeps the languages stored (which text-search configs parse a query) in the process instead of
// reading them for every query: a document in a new language must count from the next search on.
describe('facts search keeps between queries', () => {
  it('parses the next query in the config of a language ingested after a search', async () => {
    const english = await ingest(
      'trade-fair.txt',
      'Da Nang hosts an international trade fair. Travel agencies presented new tour packages for the coming season.',
    );
    expect(english).toMatchObject({ status: 'ingested', language: 'en' });
    // "järnvägarna" (the railways) reaches the Swedish chunk's "järnväg" only through the swedish
    // stemmer: in the english or simple config it stays "järnvägarna".
    expect(await lexicalSearch(database().db.pool, 'järnvägarna', [], 'swedish', 5, {})).toEqual([]);
    const swedish = await ingest(
      'jarnvag.txt',
      'Partisekreterarna diskuterade järnvägen mellan Lạng Sơn och Nanning. Byggandet av järnvägen ska börja nästa år enligt planen.',
    );
    expect(swedish).toMatchObject({ status: 'ingested', language: 'sv' });
    const hits = await lexicalSearch(database().db.pool, 'järnvägarna', [], 'swedish', 5, {});
    expect(hits.length).toBeGreaterThan(0);
  });
});
