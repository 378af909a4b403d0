import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

describe('parseConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MINUTEBOOK_DATA_DIR).toBe('./data');
    expect(config.EMBEDDER).toBe('auto');
    expect(config.PORT).toBe(3000);
    expect(config.SLACK_ANSWER_CHANNELS).toEqual([]);
  });

  it('treats empty strings as unset and splits lists', () => {
    const config = parseConfig({ DATABASE_URL: '', PORT: '', SLACK_INGEST_CHANNELS: 'C1, C2,' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.SLACK_INGEST_CHANNELS).toEqual(['C1', 'C2']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['DEFAULT_TIMEZONE', 'Mars/Olympus'],
    ['LOG_LEVEL', 'loud'],
  ])('names the variable when %s is invalid', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`^invalid configuration: ${name}:`));
  });
});
