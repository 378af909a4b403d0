import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { decodeText } from './text.ts';
import type { LoadedDocument } from './types.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Never text: code, styling, navigation and page furniture. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'textarea',
  'figcaption',
  'head',
]);

const BLOCKS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** HTML through a spec-compliant parser: the main content (<main>/<article> when present), no scripts or menus. */
export function loadHtml(bytes: Uint8Array, declaredCharset?: string): LoadedDocument {
  const charset = declaredCharset ?? sniffCharset(bytes);
  const document = parse(decodeText(bytes, charset));
  const html = findFirst(document, (element) => element.tagName === 'html');
  const title = findFirst(document, (element) => element.tagName === 'title');
  const h1 = findFirst(document, (element) => element.tagName === 'h1');
  const root =
    largest(findAll(document, (element) => element.tagName === 'article')) ??
    findFirst(document, (element) => element.tagName === 'main' || attribute(element, 'role') === 'main') ??
    findFirst(document, (element) => element.tagName === 'body') ??
    document;
  const parts: string[] = [];
  collectText(root, parts);
  const text = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const published =
    metaContent(document, 'article:published_time') ??
    metaContent(document, 'date') ??
    metaContent(document, 'dc.date') ??
    attributeOf(
      findFirst(root, (element) => element.tagName === 'time'),
      'datetime',
    );
  return {
    text,
    title: textOf(h1) || textOf(title) || undefined,
    date: published,
    language: attributeOf(html, 'lang')?.split('-')[0]?.toLowerCase() || undefined,
    format: 'html',
  };
}

/**
 * Appends the readable text under `root`. The walk keeps its own stack instead of recursing, so a page
 * nested thousands of elements deep cannot overflow the call stack.
 */
function collectText(root: Node, parts: string[]): void {
  const stack: (Node | { end: Element })[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('end' in item) {
      const tag = item.end.tagName;
      if (tag === 'td' || tag === 'th') parts.push(' ');
      if (BLOCKS.has(tag)) parts.push('\n\n');
      continue;
    }
    const node = item;
    if (node.nodeName === '#text') {
      parts.push((node as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, ' '));
      continue;
    }
    if (!('childNodes' in node)) continue;
    const element = 'tagName' in node ? (node as Element) : undefined;
    if (element && (DROPPED.has(element.tagName) || attribute(element, 'hidden') !== undefined)) continue;
    if (element && attribute(element, 'aria-hidden') === 'true') continue;
    if (element?.tagName === 'br') parts.push('\n');
    if (element && BLOCKS.has(element.tagName)) parts.push('\n\n');
    if (element) stack.push({ end: element });
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
}

function sniffCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function attributeOf(element: Element | undefined, name: string): string | undefined {
  return element ? attribute(element, name) : undefined;
}

function metaContent(root: Node, key: string): string | undefined {
  const meta = findFirst(
    root,
    (element) =>
      element.tagName === 'meta' &&
      [attribute(element, 'property'), attribute(element, 'name'), attribute(element, 'itemprop')].some(
        (value) => value?.toLowerCase() === key,
      ),
  );
  return attributeOf(meta, 'content')?.trim() || undefined;
}

function textOf(element: Element | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  collectText(element, parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function findFirst(node: Node, test: (element: Element) => boolean): Element | undefined {
  for (const element of elements(node)) if (test(element)) return element;
  return undefined;
}

function findAll(node: Node, test: (element: Element) => boolean): Element[] {
  return [...elements(node)].filter(test);
}

/** Elements under (and including) `root` in document order, walked with an explicit stack. */
function* elements(root: Node): Generator<Element> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('tagName' in node) yield node as Element;
    const children = 'childNodes' in node ? node.childNodes : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function largest(elements: Element[]): Element | undefined {
  let best: Element | undefined;
  let bestLength = 0;
  for (const element of elements) {
    const length = textOf(element).length;
    if (length > bestLength) {
      best = element;
      bestLength = length;
    }
  }
  return best;
}
