import { describe, expect, it } from 'vitest';
import { hasFreeDict, translate } from '../../src/text/freedict.ts';

// The FreeDict dictionaries are optional (Debian's dict-freedict-fra-eng and -swe-eng; CI installs them).
describe.runIf(hasFreeDict())('translate (FreeDict installed)', () => {
  it('reads a Swedish compound as its parts, the linking s dropped', () => {
    expect(translate('samarbetsdokument', 'sv')).toEqual(expect.arrayContaining(['cooperate', 'document']));
    expect(translate('godsvag', 'sv')).toEqual(expect.arrayContaining(['road']));
  });

  it('reads Swedish verbs in the past and passive back to the infinitive', () => {
    expect(translate('undertecknades', 'sv')).toContain('sign');
  });

  it('leaves a compound unread when a part is unknown', () => {
    expect(translate('qzxwdokument', 'sv')).toEqual([]);
  });

  it('does not split French words', () => {
    expect(translate('qzxwdocument', 'fr')).toEqual([]);
  });
});
