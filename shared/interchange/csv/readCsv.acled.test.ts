import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/helpers/sharedFixtures.ts';
import type { ImportedIncident, ImportPlan } from '../imported.ts';
import { inspectCsv, readCsv } from './readCsv.ts';

const FIXTURE = 'acled_africa_2016-07_legacy_schema.csv';

/** The fixture parsed by PapaParse in one go: the independent reading the plan is checked against. */
function reference() {
  const text = new TextDecoder().decode(sharedFixture(FIXTURE));
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

async function readFixture(sliceBytes?: number): Promise<ImportPlan> {
  const file = new Blob([sharedFixture(FIXTURE).slice()]);
  const preview = await inspectCsv(file);
  return readCsv(file, preview.suggested, { limits: sliceBytes ? { sliceBytes } : {} });
}

const byExternalId = (plan: ImportPlan) =>
  new Map(plan.incidents.map((incident) => [incident.fields.externalId, incident]));

describe('readCsv on the real 2016 ACLED fixture', () => {
  it('is recognised as the legacy column set, with a mapping for every kept column', async () => {
    const preview = await inspectCsv(new Blob([sharedFixture(FIXTURE).slice()]));
    expect(preview).toMatchObject({ delimiter: ',', acled: 'acled-legacy', format: 'acled-csv' });
    expect(preview.header).toHaveLength(27);
    expect(preview.header[0]).toBe('');
    expect(preview.rows).toHaveLength(20);
    expect(preview.size).toBe(199_096);
    expect(preview.suggested).toMatchObject({
      externalId: 'event_id_cnty',
      associated: 'ally_actor_1',
      associated2: 'ally_actor_2',
      sourceNames: 'source',
    });
  });

  it('lands all 500 rows, each on the physical line its record starts on', async () => {
    const plan = await readFixture();
    const rows = reference();
    expect(plan.total).toBe(500);
    expect(plan.problems).toEqual([]);
    expect(plan.incidents).toHaveLength(500);
    expect(plan.format).toBe('acled-csv');
    expect(plan.remarks).toEqual([
      { key: 'interchange.remark.acledLegacy' },
      {
        key: 'interchange.remark.columnsNotKept',
        params: {
          columns: '#1, admin3, data_id, event_id_no_cnty, gwno, inter1, inter2, interaction, year',
          count: 9,
        },
      },
    ]);
    // Line of row i: the header, the rows before it, and the line breaks inside their fields.
    let line = 2;
    rows.forEach((row, i) => {
      expect(plan.incidents[i]!.at).toEqual({ line });
      expect(plan.incidents[i]!.fields.externalId).toBe(row['event_id_cnty']);
      line += 1 + Object.values(row).join('').split('\n').length - 1;
    });
    expect(line).toBeGreaterThan(502);
  });

  it('reads the same plan when the file arrives in slices of 97 bytes', async () => {
    const [whole, sliced] = await Promise.all([readFixture(), readFixture(97)]);
    expect(sliced).toEqual(whole);
  });

  it('keeps the values of a handful of rows field by field', async () => {
    const incidents = byExternalId(await readFixture());
    const zambia = incidents.get('8188RTA')!;
    expect(zambia.at).toEqual({ line: 2 });
    expect(zambia.fields).toEqual({
      title: 'Protests — Lusaka',
      dateStart: '2016-07-02',
      dateEnd: null,
      time: null,
      timePrecision: 1,
      eventType: 'Protests',
      subEventType: '',
      actors: [{ name: 'Protesters (Zambia)', role: 'actor1', actorId: null }],
      placeName: 'Lusaka',
      district: 'Lusaka',
      province: 'Lusaka',
      country: 'Zambia',
      latitude: -15.4166,
      longitude: 28.2833,
      geoPrecision: 1,
      fatalities: 0,
      fatalityReports: [],
      injured: null,
      notes: 'University of Zambia workers go on strike over payment of June salaries.',
      tags: [],
      status: 'draft',
      statusReason: '',
      externalId: '8188RTA',
      mergedFrom: [],
    });
    expect(zambia.sourceNames).toEqual(['Zambian Watchdog']);
    expect(zambia.remarks).toEqual([
      {
        key: 'interchange.remark.legacyType',
        params: { legacy: 'Riots/Protests', type: 'Protests' },
      },
      { key: 'interchange.remark.titleMade', params: { title: 'Protests — Lusaka' } },
    ]);

    const baidoa = incidents.get('8087RTA')!;
    expect(baidoa.fields).toMatchObject({
      eventType: 'Explosions/Remote violence',
      subEventType: '',
      fatalities: 2,
      latitude: 3.11718,
      longitude: 43.6469,
      notes: expect.stringMatching(/Al Shabaab suspected\. $/),
    });
    expect(baidoa.sourceNames).toEqual(['Agence France Presse']);

    const sirte = incidents.get('8016RTA')!;
    expect(sirte.fields).toMatchObject({ timePrecision: 2, fatalities: 0 });
    expect(sirte.fields.notes).toBe(
      'In the past 24 hours, the air force launched nine offensives, four of which targeted Ougadugo centre and its surroundings in Sirte against Islamic State positions.',
    );
    expect(sirte.fields.actors).toEqual([
      {
        name: 'Military Forces of Libya (2016-) Presidential Guard',
        role: 'actor1',
        actorId: null,
      },
      { name: 'Islamic State (Tripoli)', role: 'actor2', actorId: null },
      { name: 'Misratah Communal Militia (Libya)', role: 'associated', actorId: null },
    ]);

    // The first record whose notes span two lines, and the one after it.
    const multiLine = incidents.get('8013RTA')!;
    expect(multiLine.at).toEqual({ line: 26 });
    expect(multiLine.fields).toMatchObject({
      eventType: 'Battles',
      subEventType: 'Government regains territory',
      title: 'Government regains territory — Sirte',
      dateStart: '2016-07-01',
      fatalities: 5,
    });
    expect(multiLine.fields.notes).toMatch(/seized a key central district .* on 1 June\.\n$/);
    expect(multiLine.sourceNames).toEqual(['Libya Herald', 'Agence France Presse']);
    expect(incidents.get('8012RTA')!.at).toEqual({ line: 28 });

    const ethiopia = [...incidents.values()].find((i) =>
      i.fields.actors.some((a) => a.name === 'Students (Ethiopia)'),
    )!;
    expect(
      ethiopia.fields.actors.filter((a) => a.role === 'associated').map((a) => a.name),
    ).toEqual(expect.arrayContaining(['Students (Ethiopia)', 'Oromo Ethnic Group (Ethiopia)']));
  });

  it('translates every 2016 event type as counted independently from the raw file', async () => {
    const plan = await readFixture();
    const rows = reference();
    const count = (items: string[]) =>
      items.reduce<Record<string, number>>(
        (acc, key) => ({ ...acc, [key]: (acc[key] ?? 0) + 1 }),
        {},
      );
    const riotOrProtest = (row: Record<string, string>) =>
      [row['inter1'], row['inter2']]
        .map((code) => ({ '5': 'Riots', '6': 'Protests' })[code ?? ''] ?? '')
        .find((t) => t !== '') ?? '';
    const expected = count(
      rows.map((row) => {
        const legacy = row['event_type']!;
        if (legacy === 'Riots/Protests') return `${riotOrProtest(row)}/`;
        return {
          'Battle-No change of territory': 'Battles/Armed clash',
          'Battle-Government regains territory': 'Battles/Government regains territory',
          'Remote violence': 'Explosions/Remote violence/',
          'Violence against civilians': 'Violence against civilians/',
          'Strategic development': 'Strategic developments/',
          'Non-violent transfer of territory':
            'Strategic developments/Non-violent transfer of territory',
        }[legacy]!;
      }),
    );
    const actual = count(
      plan.incidents.map((i: ImportedIncident) => `${i.fields.eventType}/${i.fields.subEventType}`),
    );
    expect(actual).toEqual(expected);
    expect(expected['Battles/Armed clash']).toBe(106);
    expect((expected['Riots/'] ?? 0) + (expected['Protests/'] ?? 0) + (expected['/'] ?? 0)).toBe(
      184,
    );
    const fatalities = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(fatalities(plan.incidents.map((i) => i.fields.fatalities ?? 0))).toBe(
      fatalities(rows.map((row) => Number(row['fatalities']))),
    );
  });
});

describe('readCsv on a current ACLED export', () => {
  const HEADER =
    'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
  const ROWS = [
    'AFG70001,2024-03-20,2024,1,Political violence,Battles,Armed clash,Taliban,,Rebel group,Military Forces of Afghanistan (2021-),"Militia (Pro-Government), Local",State forces,Rebel group-State forces,,4,South Asia,Afghanistan,Kunduz,Kunduz,,Kunduz,36.7286,68.8681,1,Pajhwok Afghan News; TOLOnews,National,"Clashes near the bridge, Kunduz city; 3 killed.",3,,1711000000',
    'AFG70002,2024-03-21,2024,2,Demonstrations,Protests,Peaceful protest,Protesters (Afghanistan),Women (Afghanistan),Protesters,,,,Protesters only,,4,South Asia,Afghanistan,Kabul,Kabul,,Kabul - Dasht-e Barchi,34.4861,69.1267,2,"Hasht-e Subh","Local partner","زنان در دشت برچی اعتراض کردند؛ «نان، کار، آزادی»",0,crowd size=around 50; women targeted: girls,1711000001',
    'AFG70003,2024-03-22,2024,1,Political violence,Violence against civilians,Attack,Unidentified Armed Group (Afghanistan),,Political militia,Civilians (Afghanistan),,Civilians,Political militia-Civilians,Civilian targeting,4,South Asia,Afghanistan,Nangarhar,Jalalabad,,Jalalabad,34.4265,70.4515,1,"Reuters","International","Line one\nLine two, with ""quotes""",1,,1711000002',
  ];

  it('reads text inter codes, quoted commas, Dari text and multi-line notes', async () => {
    const file = new Blob([[HEADER, ...ROWS].join('\r\n') + '\r\n']);
    const preview = await inspectCsv(file);
    expect(preview.acled).toBe('acled-current');
    const plan = await readCsv(file, preview.suggested);
    expect(plan.problems).toEqual([]);
    expect(plan.total).toBe(3);
    expect(plan.incidents.map((i) => i.at)).toEqual([{ line: 2 }, { line: 3 }, { line: 4 }]);
    const [kunduz, kabul, jalalabad] = plan.incidents.map((i) => i!);
    expect(kunduz!.fields).toMatchObject({
      title: 'Armed clash — Kunduz',
      eventType: 'Battles',
      subEventType: 'Armed clash',
      fatalities: 3,
      notes: 'Clashes near the bridge, Kunduz city; 3 killed.',
    });
    expect(kunduz!.fields.actors).toEqual([
      { name: 'Taliban', role: 'actor1', actorId: null },
      { name: 'Military Forces of Afghanistan (2021-)', role: 'actor2', actorId: null },
      { name: 'Militia (Pro-Government), Local', role: 'associated', actorId: null },
    ]);
    expect(kunduz!.sourceNames).toEqual(['Pajhwok Afghan News', 'TOLOnews']);
    expect(kabul!.fields).toMatchObject({
      eventType: 'Protests',
      subEventType: 'Peaceful protest',
      placeName: 'Kabul - Dasht-e Barchi',
      timePrecision: 2,
      geoPrecision: 2,
      notes: 'زنان در دشت برچی اعتراض کردند؛ «نان، کار، آزادی»',
      tags: ['crowd size=around 50', 'women targeted: girls'],
    });
    expect(kabul!.remarks).toEqual([
      {
        key: 'interchange.remark.titleMade',
        params: { title: 'Peaceful protest — Kabul - Dasht-e Barchi' },
      },
    ]);
    expect(jalalabad!.fields.notes).toBe('Line one\nLine two, with "quotes"');
    expect(plan.remarks).toEqual([
      {
        key: 'interchange.remark.columnsNotKept',
        params: expect.objectContaining({ count: 11 }),
      },
    ]);
  });
});
