import { parse as parseYaml } from 'yaml';
import { decodeText } from './text.ts';
import type { LoadedDocument } from './types.ts';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Markdown: YAML front matter becomes metadata; the body keeps its words, loses its markup. */
export function loadMarkdown(bytes: Uint8Array): LoadedDocument {
  let text = decodeText(bytes).replace(/^\uFEFF/, '');
  let front: Record<string, unknown> = {};
  const match = FRONT_MATTER.exec(text);
  if (match) {
    try {
      const parsed: unknown = parseYaml(match[1] ?? '');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        front = parsed as Record<string, unknown>;
    } catch {
      // Not YAML after all: keep the block as text.
    }
    if (Object.keys(front).length > 0) text = text.slice(match[0].length);
  }
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(text)?.[1];
  return {
    text: stripMarkdown(text),
    title: stringField(front, 'title') ?? (heading ? stripMarkdown(heading) : undefined),
    date: stringField(front, 'date') ?? stringField(front, 'published') ?? stringField(front, 'published_on'),
    language: stringField(front, 'lang') ?? stringField(front, 'language'),
    format: 'markdown',
    metadata: Object.keys(front).length > 0 ? { frontMatter: jsonSafe(front) } : undefined,
  };
}

function stringField(front: Record<string, unknown>, key: string): string | undefined {
  const value = front[key];
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function jsonSafe(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** Removes the markup that would otherwise end up quoted in citations. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm, '$1')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/<[^>\n]+>/g, '');
}
