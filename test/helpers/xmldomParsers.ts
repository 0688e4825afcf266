/**
 * The DOM parsers the geo readers get in the browser (DOMParser), played in Node tests by
 * @xmldom/xmldom: a strict XML parser (any error but a warning throws, as the browser's gives a
 * parsererror document) and an HTML one for KML descriptions.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { DocumentLike, DomParserLike } from '../../shared/interchange/geo/domLike.ts';

export const parseXml = (text: string): DocumentLike =>
  new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(text, 'application/xml') as unknown as DocumentLike;

/** xmldom's HTML mode wants one root: the browser's parser adds html and body itself. */
export const xmldomHtml: DomParserLike = {
  parseFromString: (text) =>
    new DOMParser({ onError: () => undefined }).parseFromString(
      `<html><body>${text}</body></html>`,
      'text/html',
    ) as unknown as DocumentLike,
};
