/**
 * The one folding rule of Minutebook: lower case, diacritics removed (đ → d, ø → o, æ → ae, ß → ss),
 * compatibility forms unified (full-width digits, ligatures). "Hà Giang" = "Ha Giang",
 * "coopération" = "cooperation", "Trần Cương" = "tran cuong". Han characters are left as they are.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/** fold(), with hyphens, underscores and runs of spaces made one space: "Kouang-si" = "kouang si". */
export function foldSpaced(text: string): string {
  return fold(text)
    .replace(/[-‐‑–_\s]+/g, ' ')
    .trim();
}
