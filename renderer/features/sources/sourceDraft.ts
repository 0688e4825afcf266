/** The source form's draft: optional dates and grades as the empty string when not set. */
import type { SourceFields } from '../../../shared/domain/source.ts';
import type { DraftCodec } from '../editing/useRecordEditor.ts';

export type SourceDraft = Omit<
  SourceFields,
  'publishedAt' | 'capturedAt' | 'reliability' | 'credibility'
> & {
  publishedAt: string;
  capturedAt: string;
  reliability: string;
  credibility: string;
};

export const sourceCodec: DraftCodec<'source', SourceDraft> = {
  toDraft: (f) => ({
    ...f,
    publishedAt: f.publishedAt ?? '',
    capturedAt: f.capturedAt ?? '',
    reliability: f.reliability ?? '',
    credibility: f.credibility === null ? '' : String(f.credibility),
  }),
  fromDraft: (d) => ({
    ...d,
    publishedAt: d.publishedAt === '' ? null : d.publishedAt,
    capturedAt: d.capturedAt === '' ? null : d.capturedAt,
    reliability: d.reliability === '' ? null : d.reliability,
    credibility: d.credibility === '' ? null : Number(d.credibility),
  }),
};
