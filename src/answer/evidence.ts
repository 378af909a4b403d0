import { acronyms, fold, learnAcronyms } from '../text/words.ts';

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
