import { describe, expect, it } from 'vitest';
import { detectFormat } from './detectFormat.ts';

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0]);

describe('detecting the format of a file to import', () => {
  it.each([
    ['acled.csv', 'event_id_cnty,event_date\nAFG1,2024-01-01\n', 'csv'],
    ['export.txt', 'a;b\n1;2\n', 'csv'],
    ['table.tsv', 'a\tb\n', 'csv'],
    ['no-extension', 'title,date\n', 'csv'],
    ['\uFEFFwith-bom.csv', '\uFEFFtitle,date\n', 'csv'],
    ['places.geojson', '{"type":"FeatureCollection","features":[]}', 'geojson'],
    ['places.json', '  \n[ ]', 'geojson'],
    ['renamed.csv', '{"type":"Feature"}', 'geojson'],
    ['lines.geojsonl', '\u001e{"type":"Feature"}', 'geojson'],
    ['broken.geojson', 'not json at all', 'geojson'],
    ['map.kml', '<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">', 'kml'],
    ['map.xml', '<kml>', 'kml'],
    ['broken.kml', 'garbage', 'kml'],
  ] as const)('%s is read as %s', (name, content, format) => {
    expect(detectFormat(name, text(content))).toBe(format);
  });

  it('reads a ZIP as KMZ, whatever its name says', () => {
    expect(detectFormat('map.kmz', bytes(0x50, 0x4b, 0x03, 0x04))).toBe('kmz');
    expect(detectFormat('download', bytes(0x50, 0x4b, 0x03, 0x04))).toBe('kmz');
  });

  it.each([
    ['incidents.xlsx', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['incidents.csv', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['old.xls', bytes(0xd0, 0xcf, 0x11, 0xe0)],
  ])('refuses the workbook %s with the spreadsheet message', (name, head) => {
    expect(() => detectFormat(name, head)).toThrow(
      expect.objectContaining({ key: 'interchange.file.spreadsheet' }),
    );
  });

  it('names what an unreadable file is', () => {
    expect(() => detectFormat('report.pdf', text('%PDF-1.7'))).toThrow(
      expect.objectContaining({
        key: 'interchange.ui.file.unknownFormat',
        params: { name: 'report.pdf', kind: 'PDF' },
      }),
    );
    expect(() => detectFormat('track.gpx', text('<?xml version="1.0"?><gpx>'))).toThrow(
      expect.objectContaining({ params: { name: 'track.gpx', kind: 'XML' } }),
    );
    expect(() => detectFormat('empty.csv', new Uint8Array())).toThrow(
      expect.objectContaining({ key: 'interchange.file.empty' }),
    );
  });
});
