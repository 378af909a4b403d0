// Where the offline English gloss (src/text/gloss.ts) fails on documents: per language, the commonest
// words and phrases it leaves as they are (no lexicon knows them) and, to be checked by eye, the
// commonest ones it reads through a dictionary (FreeDict, CC-CEDICT, Hán-Việt readings) with the senses
// it gives. Documents only, never questions:
//   node scripts/gloss-gaps.ts [--top 60] [DIR|FILE ...]   (default: eval/corpus and samples/minutes)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { glossUnits } from '../src/text/gloss.ts';
import { detectLanguage } from '../src/text/language.ts';
import { fold } from '../src/text/words.ts';

const ROOT = path.join(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '60' } },
  allowPositionals: true,
});
const top = Number(values.top);
const inputs = positionals.length > 0 ? positionals : ['eval/corpus', 'samples/minutes'].map((dir) => path.join(ROOT, dir));

// The dev corpus's own language labels; other files are detected.
const labels = new Map<string, string>();
for (const line of readFileSync(path.join(ROOT, 'eval/corpus.jsonl'), 'utf8').split('\n').filter(Boolean)) {
  const row = JSON.parse(line) as { file: string; language: string };
  labels.set(row.file, row.language);
}

const files = inputs.flatMap((input) =>
  statSync(input).isDirectory()
    ? readdirSync(input)
        .sort()
        .map((file) => path.join(input, file))
    : [input],
);

/** Per language and kind: item → occurrences, documents, and the gloss it got. */
type Tally = Map<string, { count: number; documents: Set<string>; gloss: string }>;
const tallies = new Map<string, Tally>();
function tally(language: string, kind: string, item: string, file: string, gloss = ''): void {
  const key = `${language} ${kind}`;
  const table = tallies.get(key) ?? new Map();
  tallies.set(key, table);
  const row = table.get(item) ?? { count: 0, documents: new Set<string>(), gloss };
  row.count++;
  row.documents.add(file);
  table.set(item, row);
}

const isRaw = (source: string, words: string[]) =>
  words.length === 1 && words[0] === fold(source) && !/\d/.test(source) && !/^\p{Lu}/u.test(source);

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const language = labels.get(path.basename(file)) ?? detectLanguage(text);
  const name = path.basename(file);
  for (const paragraph of text.split(/\n+/)) {
    const units = glossUnits(paragraph, language);
    let run: string[] = [];
    const flush = () => {
      // Vietnamese words are mostly two syllables: runs of unread syllables are counted as pairs too.
      for (let i = 0; i + 1 < run.length; i++) tally(language, 'raw pair', run.slice(i, i + 2).join(' '), name);
      run = [];
    };
    for (const { source, words } of units) {
      if (source === '') continue;
      if (/\p{Script=Han}/u.test(source)) {
        tally(language, 'zh word', source, name, words.slice(0, 6).join(' '));
        continue;
      }
      if (isRaw(source, words)) {
        if (language !== 'en') tally(language, 'raw', source.toLowerCase(), name);
        run.push(source.toLowerCase());
        continue;
      }
      flush();
      // A word read through a dictionary (FreeDict, Hán-Việt): its senses, to be checked by eye.
      if (words[0] === fold(source) && words.length > 1) tally(language, 'dictionary', source.toLowerCase(), name, words.slice(1).join(' '));
      else if (language === 'vi' && /\s/.test(source) && !/^\p{Lu}/u.test(source))
        tally(language, 'hán-việt or glossary', source.toLowerCase(), name, words.join(' '));
    }
    flush();
  }
}

for (const [key, table] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
  const rows = [...table].sort(
    ([, a], [, b]) => b.documents.size - a.documents.size || b.count - a.count,
  );
  console.log(`\n## ${key} (${table.size} distinct)`);
  for (const [item, row] of rows.slice(0, top))
    console.log(`${row.documents.size}\t${row.count}\t${item}${row.gloss ? `\t→ ${row.gloss}` : ''}`);
}
