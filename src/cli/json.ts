/** A camelCase identifier (dueOn, documentId); ids such as U024BE7LH or subteam:S1 are data, not names. */
const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;

/**
 * The text of a `--json` output. Every key is snake_case at every depth (dueOn → due_on), the
 * convention of the documented `ask --json` shape, so scripts see one style whatever the command.
 */
export function jsonOutput(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? Object.fromEntries(
            Object.entries(item).map(([key, inner]) => [
              CAMEL.test(key) ? key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) : key,
              inner,
            ]),
          )
        : item,
    indent,
  );
}
