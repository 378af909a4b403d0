import { describe, expect, it } from 'vitest';
import { addAliases, expandAliases, seedAliases } from '../../src/search/aliases.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const database = useMigratedDatabase();

// Each alias's matcher is compiled once per process: asking again, or after the table changed, must
// give the same answers as the first time.
describe('alias matching across queries', () => {
  it('answers a repeated query the same way, and finds aliases added between queries', async () => {
    const pool = database().db.pool;
    await seedAliases(pool);
    const first = await expandAliases(pool, 'What did Guangxi propose on AI?');
    expect(first).toEqual(expect.arrayContaining(['广西', 'intelligence artificielle']));
    expect(await expandAliases(pool, 'What did Guangxi propose on AI?')).toEqual(first);
    expect(await expandAliases(pool, 'Ai đã ký?')).not.toContain('intelligence artificielle');

    expect(await expandAliases(pool, 'the Friendship Pass talks')).not.toContain('Hữu Nghị Quan');
    await addAliases(pool, ['Friendship Pass', 'Hữu Nghị Quan', '友谊关']);
    expect(await expandAliases(pool, 'the friendship pass talks')).toEqual(
      expect.arrayContaining(['Hữu Nghị Quan', '友谊关']),
    );
    expect(await expandAliases(pool, '友谊关口岸')).toContain('Friendship Pass');
    expect(await expandAliases(pool, 'friendship passes')).not.toContain('友谊关');
  });
});
