/**
 * Control characters, plus the bidi embedding, override and isolate marks (U+202A–U+202E,
 * U+2066–U+2069) that make text display as something else: "minutes\u202Efdp.exe" shows as
 * "minutesexe.pdf". Never wanted in a one-line title.
 */
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** One line of text without control characters or bidi overrides: whitespace controls become spaces. */
export function stripUnsafeCharacters(text: string): string {
  return text.replace(/[\t\n\r\v\f]/g, ' ').replace(UNSAFE, '');
}
