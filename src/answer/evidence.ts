import {
  acronyms,
  cognates,
  fold,
  isStopword,
  learnAcronyms,
  numbersIn,
  sameNumber,
  tokenize,
} from '../text/words.ts';

/** Name variants that mean one thing (Guangxi = Quảng Tây = 广西), each group folded. */
export type AliasGroups = string[][];

export function foldAliasGroups(groups: string[][]): AliasGroups {
  return groups.map((group) => [...new Set(group.map((variant) => fold(variant).trim()))]);
}

/** The alias groups plus the spelt-out forms, learnt from the passages, of the acronyms in `text`. */
export function withAcronymsOf(text: string, passages: string[], aliases: AliasGroups): AliasGroups {
  const found = acronyms(text);
  return found.length === 0 ? aliases : [...aliases, ...learnAcronyms(found, passages)];
}

/** A passage indexed for "does it mention this name / term / number / acronym" across languages. */
export class Evidence {
  readonly words: string[];
  private readonly wordSet: Set<string>;
  private readonly spaced: string;
  private readonly folded: string;
  private readonly numbers: number[];
  private readonly aliases: AliasGroups;

  constructor(text: string, aliases: AliasGroups = []) {
    this.words = tokenize(text)
      .map((token) => token.folded)
      .filter((word) => /^\p{L}/u.test(word));
    this.wordSet = new Set(this.words);
    this.spaced = ` ${this.words.join(' ')} `;
    this.folded = fold(text);
    this.numbers = numbersIn(text);
    this.aliases = aliases;
  }

  hasNumber(value: number): boolean {
    return this.numbers.some((candidate) => sameNumber(candidate, value));
  }

  /** A name is present as itself, as one of its aliases, or as a near spelling (China / Chine). */
  hasName(name: string): boolean {
    if (this.wordSet.has(name) || this.hasAlias(name)) return true;
    if (name.length < 4) return false;
    return this.words.some((word) => word[0] === name[0] && cognates(word, name));
  }

  /** A content word is present as itself, a cognate, or an alias. */
  hasTerm(term: string): boolean {
    if (this.wordSet.has(term)) return true;
    if (this.words.some((word) => !isStopword(word) && cognates(word, term))) return true;
    return this.hasAlias(term);
  }

  /** AI is present as AI, IA, or a spelt-out form or alias ("intelligence artificielle", see learnAcronyms). */
  hasAcronym(acronym: string): boolean {
    const letters = fold(acronym);
    const reversed = [...letters].reverse().join('');
    return this.wordSet.has(letters) || this.wordSet.has(reversed) || this.hasAlias(letters);
  }

  /** Whether a word of another text is an anchor found here: a number, or a content word or name. */
  sharesWord(word: string): boolean {
    if (/^\p{N}/u.test(word)) return numbersIn(word).some((value) => this.hasNumber(value));
    const folded = fold(word);
    return folded.length >= 3 && !isStopword(folded) && this.hasTerm(folded);
  }

  private hasAlias(term: string): boolean {
    return this.aliases.some(
      (group) =>
        group.some((variant) => variant === term || ` ${variant} `.includes(` ${term} `)) &&
        this.mentionsGroup(group),
    );
  }

  /** Whether any variant of an alias group occurs here: as whole words in Latin script, as a substring in Han. */
  mentionsGroup(group: string[]): boolean {
    return group.some((variant) => {
      if (/[a-z]/.test(variant)) {
        const words = tokenize(variant).map((token) => token.folded);
        return words.length > 0 && this.spaced.includes(` ${words.join(' ')} `);
      }
      return variant.length > 0 && this.folded.includes(variant);
    });
  }

  /** The alias groups this text names, in any of their variants ("广西", "Quảng Tây", "Guangxi"). */
  mentionedGroups(): string[][] {
    return this.aliases.filter((group) => this.mentionsGroup(group));
  }
}
