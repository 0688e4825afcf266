import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import { emptySource } from '../../../shared/domain/source.ts';
import type { Incident, Link, Source } from '../../data/daftarData.ts';
import en from '../../i18n/locales/en.json';
import { incidentRows, sourceRows, type FieldRow } from './dossierFields.ts';

let t: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'en', resources: { en: { translation: en } } });
  t = i18n.t;
});

const meta = { created: 'c', updated: 'u' };
const incident = (patch: Partial<Incident>): Incident => ({
  ...emptyIncident('2023-03-09'),
  ...meta,
  id: 'inc1',
  title: 'حمله بر دفتر والی بلخ',
  ...patch,
});
const byKey = (rows: FieldRow[]) => new Map(rows.map((row) => [row.key, row]));

describe('incidentRows', () => {
  it('shows every field, the empty ones as empty', () => {
    const rows = byKey(incidentRows(t, incident({}), new Map()));
    expect([...rows.keys()]).toContain('injured');
    expect(rows.get('injured')).toMatchObject({ label: 'Injured', lines: [] });
    expect(rows.get('dateStart')).toMatchObject({ lines: [['2023-03-09']], ltr: true });
    expect(rows.get('timePrecision')?.lines).toEqual([['Day known']]);
  });

  it('spells out vocabulary, keeps custom types, and splits names from roles', () => {
    const rows = byKey(
      incidentRows(
        t,
        incident({
          eventType: 'Explosions/Remote violence',
          subEventType: 'Suicide bomb',
          actors: [{ name: 'داعش خراسان', role: 'claimedBy', actorId: null }],
          latitude: 36.7092,
          longitude: 67.1109,
          status: 'disputed',
          statusReason: 'ارقام یکسان نیست',
        }),
        new Map(),
      ),
    );
    expect(rows.get('eventType')?.lines).toEqual([['Explosions/Remote violence']]);
    expect(rows.get('actors')?.lines).toEqual([['داعش خراسان', 'Claimed by']]);
    expect(rows.get('coordinates')).toMatchObject({ lines: [['36.7092, 67.1109']], ltr: true });
    expect(rows.get('status')?.lines).toEqual([['Disputed'], ['ارقام یکسان نیست']]);
    const custom = byKey(incidentRows(t, incident({ eventType: 'Night raid' }), new Map()));
    expect(custom.get('eventType')?.lines).toEqual([['Night raid']]);
  });

  it('names the source of each reported figure, or its id when it is not in the dossier', () => {
    const rows = byKey(
      incidentRows(
        t,
        incident({
          fatalityReports: [
            { count: 3, sourceId: 'src1', note: '' },
            { count: 5, sourceId: 'gone', note: 'بیمارستان' },
            { count: 4, sourceId: null, note: '' },
          ],
        }),
        new Map([['src1', 'Tolonews']]),
      ),
    );
    expect(rows.get('fatalityReports')?.lines).toEqual([
      ['3', 'Tolonews'],
      ['5', 'gone', 'بیمارستان'],
      ['4', 'no source named'],
    ]);
  });
});

describe('sourceRows', () => {
  const source: Source = {
    ...emptySource('2023-03-10'),
    ...meta,
    id: 'src1',
    title: 'Governor of Balkh killed in blast',
    url: 'https://tolonews.com/afghanistan-182310',
    reliability: 'B',
    credibility: 2,
  };
  const link: Link = {
    ...meta,
    id: 'inc1~src1',
    incidentId: 'inc1',
    sourceId: 'src1',
    supports: ['date', 'fatalities'],
    note: 'رقم تلفات',
  };

  it('spells out the grades and what the source supports in this incident', () => {
    const rows = byKey(sourceRows(t, source, link));
    expect(rows.get('reliability')?.lines).toEqual([['B', 'Usually reliable']]);
    expect(rows.get('credibility')?.lines).toEqual([['2', 'Probably true']]);
    expect(rows.get('supports')?.lines).toEqual([['Date'], ['Fatalities']]);
    expect(rows.get('linkNote')?.lines).toEqual([['رقم تلفات']]);
    expect(rows.get('url')).toMatchObject({ ltr: true });
    expect(rows.get('author')?.lines).toEqual([]);
  });
});
