/**
 * Sources written as CSL-JSON, the citation data format that Zotero, Mendeley, Pandoc and other
 * reference managers import. One item per source, shaped by the CSL 1.0.2 input schema
 * (`csl-data.json`: an array of items; `id` and `type` required; no other keys than the
 * schema's):
 *
 * - `type` by source kind: news article → article-newspaper, report → report, official
 *   statement → document (with `genre` "Official statement": CSL has no type of its own for
 *   one), social media post → post, witness interview → interview, document → document, image
 *   → graphic, video → motion_picture, other → document.
 * - `author` as `literal` names (a person or an organisation, written as given; several
 *   separated by `;` in Daftar become several authors); `container-title` is the outlet.
 * - `issued` (published) and `accessed` (captured) as `date-parts`; `abstract` is the excerpt.
 * - `note` carries the admiralty grade: "Admiralty B2", or the one half that was graded.
 * - Empty fields are left out rather than written empty.
 *
 * Not carried: the full text, attachments (their bytes stay in Daftar) and review status.
 * Output is a list of chunks of 1 000 items, ready for `new Blob(chunks)`.
 */
import type { Source } from '../../domain/source.ts';
import type { SourceKind } from '../../domain/vocabulary.ts';

export const CSL_TYPE_OF_KIND = {
  newsArticle: 'article-newspaper',
  report: 'report',
  officialStatement: 'document',
  socialMediaPost: 'post',
  witnessInterview: 'interview',
  document: 'document',
  image: 'graphic',
  video: 'motion_picture',
  other: 'document',
} as const satisfies Record<SourceKind, string>;

type CslDate = { 'date-parts': [[number, number, number]] };

export interface CslItem {
  id: string;
  type: (typeof CSL_TYPE_OF_KIND)[SourceKind];
  title: string;
  genre?: string;
  'container-title'?: string;
  author?: { literal: string }[];
  URL?: string;
  issued?: CslDate;
  accessed?: CslDate;
  language?: string;
  abstract?: string;
  note?: string;
}

const ITEMS_PER_CHUNK = 1_000;

export function cslItem(source: Source): CslItem {
  const item: CslItem = { id: source.id, type: CSL_TYPE_OF_KIND[source.kind], title: source.title };
  if (source.kind === 'officialStatement') item.genre = 'Official statement';
  if (source.outlet.trim() !== '') item['container-title'] = source.outlet;
  const authors = source.author
    .split(/[;؛]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (authors.length > 0) item.author = authors.map((literal) => ({ literal }));
  if (source.url !== '') item.URL = source.url;
  if (source.publishedAt !== null) item.issued = dateParts(source.publishedAt);
  if (source.capturedAt !== null) item.accessed = dateParts(source.capturedAt);
  if (source.language !== '') item.language = source.language;
  if (source.excerpt.trim() !== '') item.abstract = source.excerpt;
  const grade = admiraltyGrade(source);
  if (grade !== '') item.note = grade;
  return item;
}

function dateParts(isoDate: string): CslDate {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return { 'date-parts': [[y, m, d]] };
}

/** "Admiralty B2"; "Admiralty reliability B" or "Admiralty credibility 2" when half is graded. */
export function admiraltyGrade(source: Pick<Source, 'reliability' | 'credibility'>): string {
  const { reliability, credibility } = source;
  if (reliability !== null && credibility !== null) return `Admiralty ${reliability}${credibility}`;
  if (reliability !== null) return `Admiralty reliability ${reliability}`;
  if (credibility !== null) return `Admiralty credibility ${credibility}`;
  return '';
}

/** A CSL-JSON array of the sources, in chunks. */
export function writeCslJson(sources: Iterable<Source>): string[] {
  const chunks: string[] = [];
  let chunk = '[';
  let count = 0;
  for (const source of sources) {
    chunk += (count === 0 ? '\n' : ',\n') + JSON.stringify(cslItem(source));
    if (++count % ITEMS_PER_CHUNK === 0) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  chunks.push(`${chunk}${count === 0 ? '' : '\n'}]\n`);
  return chunks;
}
