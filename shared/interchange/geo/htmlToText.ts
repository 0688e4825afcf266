/**
 * HTML (a KML description, markup smuggled into a name) to the plain text Daftar stores. The
 * result is text only and is never rendered as HTML, so nothing here has to be "safe HTML":
 * the job is to keep what a reader of the balloon would have read and lose everything else.
 *
 * - Parsed with an injected `DOMParser`-like as `text/html` (the renderer's native parser runs no
 *   scripts and loads nothing for a parsed document); the tree is walked without recursion, so
 *   a hostile 100 000-deep nesting cannot overflow the stack.
 * - The content of script, style, iframe, object, embed, noscript, template, svg, math, head,
 *   title, textarea and select is dropped; attributes are never read (no `src`, `href`,
 *   `onerror`, `javascript:`).
 * - `<br>` is a line break; p, headings, blockquote and pre are paragraphs (a blank line); li,
 *   div, tr and the other blocks start a new line; table cells are separated by a space.
 * - White space collapses as a browser shows it, except inside `<pre>`, kept exactly (the KML
 *   writer relies on this to carry text that looks like markup without loss).
 * - If the parser throws (a strict XML-ish parser given broken HTML), a conservative textual
 *   fallback removes the same elements and every tag.
 */
import {
  CDATA_SECTION_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
  localNameOf,
  type DomParserLike,
  type NodeLike,
} from './domLike.ts';

const DROPPED = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'select',
  'frameset',
  'frame',
  'applet',
]);

const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre']);

const LINES = new Set([
  'li',
  'div',
  'tr',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'caption',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'nav',
  'main',
  'address',
  'figure',
  'figcaption',
  'hr',
  'center',
  'form',
  'fieldset',
  'details',
  'summary',
]);

const CELLS = new Set(['td', 'th']);

/** The renderer's default: `createHtmlToText(new DOMParser())`. */
export function createHtmlToText(parser: DomParserLike): (html: string) => string {
  return (html) => htmlToText(html, parser);
}

export function htmlToText(html: string, parser: DomParserLike): string {
  if (!/[<&]/.test(html)) return collapsePlain(html);
  let root: NodeLike | null | undefined;
  try {
    const doc = parser.parseFromString(html, 'text/html');
    root = doc.body ?? doc.documentElement;
  } catch {
    return fallbackText(html);
  }
  return root ? walk(root) : '';
}

/** Plain text given where HTML is expected is shown as HTML would show it. */
function collapsePlain(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

type Step = { node: NodeLike; pre: boolean } | { close: string };

function walk(root: NodeLike): string {
  const out = new TextOut();
  const stack: Step[] = [{ node: root, pre: false }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('close' in step) {
      if (PARAGRAPHS.has(step.close)) out.softBreak(2);
      else if (LINES.has(step.close)) out.softBreak(1);
      else if (CELLS.has(step.close)) out.space();
      continue;
    }
    const { node, pre } = step;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      out.text(node.nodeValue ?? '', pre);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const name = node === root ? '' : localNameOf(node).toLowerCase();
    if (DROPPED.has(name)) continue;
    if (name === 'br') {
      out.hardBreak();
      continue;
    }
    if (PARAGRAPHS.has(name)) out.softBreak(2);
    else if (LINES.has(name)) out.softBreak(1);
    stack.push({ close: name });
    const inner = pre || name === 'pre';
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i]!, pre: inner });
    }
  }
  return out.result();
}

/** Builds the text: collapsible spaces and soft breaks are settled when real text follows. */
class TextOut {
  private parts: string[] = [];
  private started = false;
  private pendingBreak = 0;
  private pendingSpace = false;

  text(value: string, pre: boolean): void {
    if (pre) {
      if (value !== '') {
        this.flush();
        this.parts.push(value);
      }
      return;
    }
    const collapsed = value.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed === '') return;
    const body = collapsed.trim();
    if (collapsed.startsWith(' ')) this.space();
    if (body !== '') {
      this.flush();
      this.parts.push(body);
      if (collapsed.endsWith(' ')) this.space();
    }
  }

  space(): void {
    if (this.started && this.pendingBreak === 0) this.pendingSpace = true;
  }

  softBreak(lines: number): void {
    this.pendingBreak = Math.max(this.pendingBreak, lines);
    this.pendingSpace = false;
  }

  hardBreak(): void {
    this.flushBreak();
    this.pendingSpace = false;
    this.parts.push('\n');
    this.started = true;
  }

  result(): string {
    return this.parts.join('');
  }

  private flush(): void {
    this.flushBreak();
    if (this.pendingSpace) this.parts.push(' ');
    this.pendingSpace = false;
    this.started = true;
  }

  private flushBreak(): void {
    if (this.pendingBreak > 0 && this.started) this.parts.push('\n'.repeat(this.pendingBreak));
    this.pendingBreak = 0;
  }
}

const DROPPED_BLOCK = new RegExp(
  `<(${[...DROPPED].join('|')})\\b[\\s\\S]*?(?:<\\/\\1\\s*>|$)`,
  'gi',
);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Used only when the parser refuses the HTML: removes more rather than less. */
export function fallbackText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(DROPPED_BLOCK, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|li|tr|h[1-6]|ul|ol|table|blockquote|pre)\b[^>]*>/gi, '\n')
    .replace(/<[A-Za-z/!?][^>]*(?:>|$)/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => decodeEntity(whole, name));
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntity(whole: string, name: string): string {
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  return ENTITIES[name.toLowerCase()] ?? whole;
}
