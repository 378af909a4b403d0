import { describe, expect, it } from 'vitest';
import { createLocalEmbedder, embedLocal } from '../../src/embed/local.ts';

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe('local embedder', () => {
  it('returns deterministic, L2-normalised 384-dimension vectors under model local-ngram-v1', async () => {
    const embedder = createLocalEmbedder();
    expect(embedder.model).toBe('local-ngram-v1');
    expect(embedder.dims).toBe(384);
    const [a, b] = await embedder.embed(['Guangxi proposed an AI centre', 'Guangxi proposed an AI centre']);
    expect(a).toHaveLength(384);
    expect(a).toEqual(b);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
    expect(embedLocal('!!! …')).toEqual(new Array(384).fill(0));
  });

  it('ignores diacritics and case, so Vietnamese spellings meet their ASCII forms', () => {
    expect(cosine(embedLocal('Trần Cương'), embedLocal('tran cuong'))).toBeCloseTo(1, 10);
  });

  it('ranks a text sharing names above an unrelated one, across languages', () => {
    const query = embedLocal('Mong Cai Dongxing cooperation zone');
    const french = embedLocal('la zone de coopération industrielle transfrontalière Mong Cai - Dong Hung');
    const unrelated = embedLocal('Pieds de porc braisés à la fausse viande de chien');
    expect(cosine(query, french)).toBeGreaterThan(cosine(query, unrelated) + 0.1);
  });

  it('embeds Chinese by characters and character pairs', () => {
    const query = embedLocal('广西 人工智能');
    expect(cosine(query, embedLocal('广西壮族自治区建设人工智能合作中心'))).toBeGreaterThan(
      cosine(query, embedLocal('越南河内的天气很好')),
    );
  });
});
