/**
 * The few DOM members the KML reader and the HTML-to-text step use, typed structurally so that
 * `shared/` compiles without the DOM library and accepts both the browser's `DOMParser` output
 * and `@xmldom/xmldom`'s (tests).
 */

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

export interface NodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<NodeLike>;
  readonly localName?: string | null;
  readonly textContent?: string | null;
}

export interface ElementLike extends NodeLike {
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<ElementLike>;
}

export interface DocumentLike extends NodeLike {
  readonly documentElement: ElementLike | null;
  readonly body?: ElementLike | null;
  getElementsByTagName(name: string): ArrayLike<ElementLike>;
}

/** What `DOMParser` offers: `new DOMParser()` in the renderer satisfies it. */
export interface DomParserLike {
  parseFromString(text: string, type: 'text/html' | 'application/xml'): DocumentLike;
}

/** An element's name without prefix, lower-cased for HTML and kept as is for XML. */
export function localNameOf(node: NodeLike): string {
  const name = node.localName ?? node.nodeName;
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
