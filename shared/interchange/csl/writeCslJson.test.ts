import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptySource, sourceSchema, type Source } from '../../domain/source.ts';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, SOURCE_KINDS } from '../../domain/vocabulary.ts';
import { CSL_TYPE_OF_KIND, cslItem, writeCslJson } from './writeCslJson.ts';

/**
 * The CSL 1.0.2 input schema (citation-style-language/schema, schemas/input/csl-data.json),
 * restricted to what Daftar writes and with the schema's `additionalProperties: false`, written
 * as checks here (no network in tests).
 */
const CSL_TYPES = [
  'article',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'bill',
  'book',
  'broadcast',
  'chapter',
  'classic',
  'collection',
  'dataset',
  'document',
  'entry',
  'entry-dictionary',
  'entry-encyclopedia',
  'figure',
  'graphic',
  'hearing',
  'interview',
  'legal_case',
  'legislation',
  'manuscript',
  'map',
  'motion_picture',
  'musical_score',
  'pamphlet',
  'paper-conference',
  'patent',
  'performance',
  'periodical',
  'personal_communication',
  'post',
  'post-weblog',
  'regulation',
  'report',
  'review',
  'review-book',
  'software',
  'song',
  'speech',
  'standard',
  'thesis',
  'treaty',
  'webpage',
] as const;

const nameVariable = z
  .object({
    family: z.string(),
    given: z.string(),
    literal: z.string(),
    suffix: z.string(),
  })
  .partial()
  .strict();

const dateVariable = z
  .object({
    'date-parts': z
      .array(
        z
          .array(z.union([z.string(), z.number()]))
          .min(1)
          .max(3),
      )
      .min(1)
      .max(2),
    literal: z.string(),
    raw: z.string(),
  })
  .partial()
  .strict();

const cslData = z.array(
  z
    .object({
      id: z.union([z.string(), z.number()]),
      type: z.enum(CSL_TYPES),
      title: z.string().optional(),
      genre: z.string().optional(),
      'container-title': z.string().optional(),
      author: z.array(nameVariable).optional(),
      URL: z.string().optional(),
      issued: dateVariable.optional(),
      accessed: dateVariable.optional(),
      language: z.string().optional(),
      abstract: z.string().optional(),
      note: z.string().optional(),
    })
    .strict(),
);

function source(fields: Partial<Source> = {}): Source {
  return {
    ...emptySource('2024-03-06'),
    id: 'src-1',
    created: 'c',
    updated: 'u',
    title: 'Clash in Kunduz',
    ...fields,
  };
}

const parse = (chunks: string[]) => JSON.parse(chunks.join('')) as unknown;

describe('writeCslJson', () => {
  it('writes a complete news article as a reference manager reads it', () => {
    const item = cslItem(
      source({
        kind: 'newsArticle',
        outlet: 'Pajhwok',
        author: 'Ahmad Shah; Pajhwok staff',
        url: 'https://pajhwok.com/a',
        publishedAt: '2024-03-05',
        capturedAt: '2024-03-06',
        language: 'fa',
        excerpt: 'سه تن کشته شدند',
        reliability: 'B',
        credibility: 2,
      }),
    );
    expect(item).toEqual({
      id: 'src-1',
      type: 'article-newspaper',
      title: 'Clash in Kunduz',
      'container-title': 'Pajhwok',
      author: [{ literal: 'Ahmad Shah' }, { literal: 'Pajhwok staff' }],
      URL: 'https://pajhwok.com/a',
      issued: { 'date-parts': [[2024, 3, 5]] },
      accessed: { 'date-parts': [[2024, 3, 6]] },
      language: 'fa',
      abstract: 'سه تن کشته شدند',
      note: 'Admiralty B2',
    });
  });

  it('maps every source kind to a CSL 1.0.2 type', () => {
    for (const kind of SOURCE_KINDS) {
      expect(CSL_TYPES).toContain(CSL_TYPE_OF_KIND[kind]);
    }
    expect(cslItem(source({ kind: 'witnessInterview' })).type).toBe('interview');
    expect(cslItem(source({ kind: 'video' })).type).toBe('motion_picture');
    expect(cslItem(source({ kind: 'officialStatement' }))).toMatchObject({
      type: 'document',
      genre: 'Official statement',
    });
  });

  it('leaves empty fields out and grades half an admiralty code by name', () => {
    const item = cslItem(source({ capturedAt: null, reliability: 'C' }));
    expect(item).toEqual({
      id: 'src-1',
      type: 'article-newspaper',
      title: 'Clash in Kunduz',
      note: 'Admiralty reliability C',
    });
    expect(cslItem(source({ credibility: 6 })).note).toBe('Admiralty credibility 6');
  });

  it('an empty list is an empty array', () => {
    expect(parse(writeCslJson([]))).toEqual([]);
  });

  it('any valid sources give JSON that the CSL schema accepts', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    const date = fc
      .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const arbitrarySource = fc
      .record({
        kind: fc.constantFrom(...SOURCE_KINDS),
        title: text.filter((t) => t.trim() !== ''),
        outlet: text,
        author: text,
        url: fc.constantFrom('', 'https://example.org/a?b=c', 'http://x.af/'),
        publishedAt: fc.option(date),
        capturedAt: fc.option(date),
        language: fc.constantFrom('', 'fa', 'ps', 'en-GB'),
        reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES)),
        credibility: fc.option(fc.constantFrom(...CREDIBILITY_GRADES)),
        excerpt: text,
      })
      .map((fields) => ({ ...emptySource(''), ...fields, capturedAt: fields.capturedAt }))
      .filter((fields) => sourceSchema.safeParse(fields).success);
    fc.assert(
      fc.property(fc.array(arbitrarySource, { maxLength: 5 }), (list) => {
        const sources = list.map((fields, i) => ({
          ...fields,
          id: `s${i}`,
          created: '',
          updated: '',
        }));
        const items = cslData.parse(parse(writeCslJson(sources)));
        expect(items.map((item) => item.id)).toEqual(sources.map((s) => s.id));
        items.forEach((item, i) => expect(item.title).toBe(sources[i]!.title));
      }),
    );
  });

  it('the schema checks can fail: an unknown key or type is refused', () => {
    expect(cslData.safeParse([{ id: 'a', type: 'newspaper' }]).success).toBe(false);
    expect(cslData.safeParse([{ id: 'a', type: 'report', outlet: 'x' }]).success).toBe(false);
    expect(cslData.safeParse([{ type: 'report' }]).success).toBe(false);
  });
});
