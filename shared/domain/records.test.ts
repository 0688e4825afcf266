import { describe, expect, it } from 'vitest';
import { linkId } from './link.ts';
import { RECORD_KINDS, RecordValidationError, recordSchemas, validateRecord } from './records.ts';

describe('validateRecord for links, actors and places', () => {
  const link = { incidentId: 'i1', sourceId: 's1', supports: ['date', 'fatalities'], note: '' };
  const actor = { name: 'ISKP', aliases: ['ISIS-K', 'داعش خراسان'], description: '' };
  const place = {
    name: 'Mazar-i-Sharif',
    aliases: ['مزار شریف'],
    district: 'Mazar-i-Sharif',
    province: 'Balkh',
    country: 'Afghanistan',
    latitude: 36.7,
    longitude: 67.11,
  };

  it('accepts valid records', () => {
    expect(validateRecord('link', link)).toEqual({ ok: true, value: link });
    expect(validateRecord('actor', actor)).toEqual({ ok: true, value: actor });
    expect(validateRecord('place', place)).toEqual({ ok: true, value: place });
  });

  it.each<[string, 'link' | 'actor' | 'place', Record<string, unknown>, string, string]>([
    [
      'a link supporting an unknown field',
      'link',
      { ...link, supports: ['weather'] },
      'supports.0',
      'validation.invalid',
    ],
    [
      'a link without incident',
      'link',
      { ...link, incidentId: '' },
      'incidentId',
      'validation.invalid',
    ],
    ['an unnamed actor', 'actor', { ...actor, name: '' }, 'name', 'validation.nameRequired'],
    ['an empty alias', 'actor', { ...actor, aliases: [' '] }, 'aliases.0', 'validation.invalid'],
    [
      'a place at latitude 91',
      'place',
      { ...place, latitude: 91 },
      'latitude',
      'validation.latitudeRange',
    ],
    [
      'a place at longitude -181',
      'place',
      { ...place, longitude: -181 },
      'longitude',
      'validation.longitudeRange',
    ],
  ])('refuses %s', (_name, kind, value, field, message) => {
    expect(validateRecord(kind, value)).toEqual({ ok: false, issues: [{ field, message }] });
  });

  it('drops fields that are not part of the record', () => {
    const result = validateRecord('actor', { ...actor, secret: 'x' });
    expect(result).toEqual({ ok: true, value: actor });
  });

  it('has a schema for every record kind', () => {
    expect(Object.keys(recordSchemas).sort()).toEqual([...RECORD_KINDS].sort());
  });
});

describe('linkId', () => {
  it('is derived from both ends, so linking twice names one link', () => {
    expect(linkId('i1', 's1')).toBe(linkId('i1', 's1'));
    expect(linkId('i1', 's1')).not.toBe(linkId('s1', 'i1'));
    expect(linkId('i1', 's2')).not.toBe(linkId('i1', 's1'));
  });
});

describe('RecordValidationError', () => {
  it('names the kind, each field and each message key', () => {
    const error = new RecordValidationError('incident', [
      { field: 'latitude', message: 'validation.latitudeRange' },
      { field: '', message: 'validation.invalid' },
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RecordValidationError');
    expect(error.message).toBe(
      'Invalid incident: latitude validation.latitudeRange; (record) validation.invalid',
    );
  });
});
