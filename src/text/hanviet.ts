import { existsSync, readFileSync } from 'node:fs';

/**
 * Hán-Việt readings from m17n's "vi-han" input method (Debian's m17n-db: its vi-han.mim, LGPL data,
 * read at run time when installed, not shipped). Unihan, which data-files/lexicon/han-readings.tsv
 * comes from, gives Hán-Việt readings for some 8,000 characters, mostly Nôm ones: it has none for 北
 * bắc, 春 xuân, 电 điện, 际 tế, 问 vấn, and infers wrong ones for others (标 "bêu", 复 "hạ"), so that
 * "quốc tế", "vấn đề", "điện tử" are never read as Chinese words. The input method maps every
 * syllable, typed in Telex, to the characters read so, simplified ones included; lexicon.ts adds them
 * to Unihan's (and puts them first for a name's characters where Unihan's are none of them: 刚 cương).
 * Absent, the gloss reads Unihan's readings alone.
 */
const VI_HAN = '/usr/share/m17n/vi-han.mim';

/** Telex tone keys and the combining marks they type. */
const TONE_KEYS: Record<string, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };

let cache: [string, string[]][] | null | undefined;

/** Whether the input method's table is installed (it changes the gloss, see glossVersion). */
export function hasHanViet(): boolean {
  return existsSync(VI_HAN);
}

/**
 * The syllables of the input method, each with the Han characters read so: the syllable as its
 * letters with the tone's combining mark after them (place it with lexicon.ts syllableKey), read on
 * first use; null when the table is not installed.
 */
export function hanVietSyllables(): [string, string[]][] | null {
  if (cache === undefined) cache = existsSync(VI_HAN) ? parse(readFileSync(VI_HAN, 'utf8')) : null;
  return cache;
}

function parse(text: string): [string, string[]][] {
  const syllables: [string, string[]][] = [];
  for (const match of text.matchAll(/^\s*\("([a-z]+)"\s+\("([^"]+)"\)\)/gm)) {
    const chars = [...match[2]!].filter((char) => /\p{Script=Han}/u.test(char));
    if (chars.length > 0) syllables.push([fromTelex(match[1]!), chars]);
  }
  return syllables;
}

/** A Telex sequence as a syllable: "truwowngf" → trương + grave (a syllable never ends in s f r x j). */
function fromTelex(keys: string): string {
  const tone = keys.length > 1 ? TONE_KEYS[keys.at(-1)!] : undefined;
  const letters = (tone ? keys.slice(0, -1) : keys)
    .replace(/dd/g, 'đ')
    .replace(/aa/g, 'â')
    .replace(/aw/g, 'ă')
    .replace(/ee/g, 'ê')
    .replace(/oo/g, 'ô')
    .replace(/ow/g, 'ơ')
    .replace(/uw/g, 'ư')
    .replace(/w/g, 'ư');
  return letters + (tone ?? '');
}
