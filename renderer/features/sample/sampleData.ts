/**
 * Sample data: the incidents, actors, places and sources reported in one news article of the kind
 * our users work from (../shared/domain/sample-article.txt, "International armed groups setting
 * their sights on Afghanistan"). Dates are what the article supports — "last week", "in December",
 * "last year" — recorded as ranges with their precision, not invented days.
 */
import type { IncidentFields } from '../../../shared/domain/incident.ts';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import type { LinkFields } from '../../../shared/domain/link.ts';
import type { SourceFields } from '../../../shared/domain/source.ts';
import type { ActorFields, PlaceFields } from '../../../shared/domain/vocabularyRecords.ts';
import type { WriteOp } from '../../data/recordStore.ts';
import { linkId } from '../../../shared/domain/link.ts';

const ARTICLE_TITLE =
  'International armed groups setting their sights on Afghanistan: A creeping metamorphosis';

const actors = {
  taliban: {
    name: 'Taliban',
    aliases: ['Islamic Emirate of Afghanistan', 'de facto authorities', 'طالبان', 'امارت اسلامی'],
    description: 'De facto authorities of Afghanistan since August 2021.',
  },
  iskp: {
    name: 'Islamic State Khorasan Province',
    aliases: ['ISKP', 'ISIS-K', 'ISIS', 'Islamic State', 'داعش خراسان', 'داعش'],
    description: 'Regional affiliate of the Islamic State; at war with the Taliban.',
  },
  ttp: {
    name: 'Pakistani Taliban',
    aliases: ['TTP', 'Tehrik-i-Taliban Pakistan', 'تحریک طالبان پاکستان'],
    description: 'Insurgent group attacking Pakistan; reported to shelter in Afghanistan.',
  },
  alQaeda: {
    name: 'al-Qaeda',
    aliases: ['Al Qaeda', 'al Qaeda', 'القاعدة', 'القاعده'],
    description: '',
  },
  usMilitary: {
    name: 'Military Forces of the United States',
    aliases: ['US military', 'United States', 'نیروهای نظامی امریکا'],
    description: '',
  },
} satisfies Record<string, ActorFields>;

const places = {
  balkh: {
    name: 'Balkh Province',
    aliases: ['Balkh', 'بلخ', 'ولایت بلخ'],
    district: '',
    province: 'Balkh',
    country: 'Afghanistan',
    latitude: 36.7092,
    longitude: 67.1109,
  },
  mazar: {
    name: 'Mazar-i-Sharif',
    aliases: ['Mazar-e Sharif', 'Mazar', 'مزار شریف'],
    district: 'Mazar-i-Sharif',
    province: 'Balkh',
    country: 'Afghanistan',
    latitude: 36.7092,
    longitude: 67.1109,
  },
  badakhshan: {
    name: 'Badakhshan Province',
    aliases: ['Badakhshan', 'بدخشان', 'ولایت بدخشان'],
    district: '',
    province: 'Badakhshan',
    country: 'Afghanistan',
    latitude: 37.1166,
    longitude: 70.58,
  },
  kabul: {
    name: 'Kabul',
    aliases: ['Kabul city', 'کابل'],
    district: 'Kabul',
    province: 'Kabul',
    country: 'Afghanistan',
    latitude: 34.5553,
    longitude: 69.2075,
  },
} satisfies Record<string, PlaceFields>;

const source = (
  fields: Partial<SourceFields> & Pick<SourceFields, 'kind' | 'title'>,
): SourceFields => ({
  outlet: '',
  author: '',
  url: '',
  publishedAt: null,
  capturedAt: null,
  language: 'en',
  reliability: null,
  credibility: null,
  excerpt: '',
  fullText: '',
  attachments: [],
  status: 'submitted',
  statusReason: '',
  ...fields,
});

const sources = {
  article: source({
    kind: 'newsArticle',
    title: ARTICLE_TITLE,
    outlet: 'AsumeTech',
    reliability: 'D',
    credibility: 3,
    excerpt:
      'Last week, the Taliban governor in the northern province of Balkh was killed in a suicide attack claimed by ISIS. In December, ISIS announced the killing of a district political official in the northeastern province of Badakhshan, and both the Taliban and ISIS say they are in war with each other. […] Last year, a US drone strike killed al Qaeda leader Ayman al-Zawahiri in Kabul.',
    fullText:
      'Republished, apparently machine-translated, article that cites VOA, Tolonews, the United Nations, the Uzbek Foreign Ministry and the International Crisis Group. Its own reporting is second-hand: grade the cited sources, not this page, where they can be found.',
  }),
  voa: source({
    kind: 'newsArticle',
    title: 'Pakistani Taliban presence in Afghanistan (as cited)',
    outlet: 'Voice of America',
    reliability: 'B',
    credibility: 3,
    excerpt:
      'Of particular concern is active presence in Afghanistan of the Pakistani Taliban, an insurgent group that has claimed responsibility for several terrorist attacks in Pakistan in recent months.',
  }),
  tolonews: source({
    kind: 'witnessInterview',
    title: 'Interview with Thomas West, US special representative for Afghanistan (as cited)',
    outlet: 'Tolonews',
    author: 'Thomas West',
    reliability: 'B',
    credibility: 4,
    excerpt:
      'Although the Taliban has pledged not to harbor terrorists who want to harm other countries and not to allow the training, recruitment or collection of funds on their territory, all this is happening.',
  }),
  unReport: source({
    kind: 'report',
    title: 'United Nations report, February (as cited)',
    outlet: 'United Nations',
    reliability: 'A',
    credibility: 2,
    excerpt:
      'Al Qaeda has also yet to announce its new leader due to "sensitivity to the Afghan Taliban\'s fears that it will not recognize Zawahiri\'s death in Kabul".',
  }),
  uzbekMfa: source({
    kind: 'officialStatement',
    title: 'Note of the Uzbek Foreign Ministry on the Tashkent meeting (as cited)',
    outlet: 'Ministry of Foreign Affairs of Uzbekistan',
    reliability: 'B',
    credibility: 3,
    excerpt:
      'Participants, noting that all terrorist groups based in Afghanistan continue to pose a serious threat to regional and global security, have strongly urged the current Afghan de facto authorities to take more effective measures to eliminate terrorist groups in the country.',
  }),
  icg: source({
    kind: 'other',
    title: 'Comment by Graeme Smith, International Crisis Group (as cited)',
    outlet: 'International Crisis Group',
    author: 'Graeme Smith',
    reliability: 'B',
    credibility: 4,
    excerpt:
      'Everyone can see the Pakistani Taliban taking refuge in Afghanistan and attack Pakistan.',
  }),
} satisfies Record<string, SourceFields>;

type ActorKey = keyof typeof actors;
type SourceKey = keyof typeof sources;

interface SampleIncident {
  fields: Omit<IncidentFields, 'actors' | 'fatalityReports'>;
  actors: [ActorKey, IncidentFields['actors'][number]['role']][];
  fatalityReports: { count: number; source: SourceKey; note: string }[];
  links: { source: SourceKey; supports: LinkFields['supports']; note: string }[];
}

const base = emptyIncident('2023-01-01');

const incidents: SampleIncident[] = [
  {
    fields: {
      ...base,
      title: 'Taliban governor of Balkh killed in suicide attack claimed by ISIS',
      dateStart: '2023-03-06',
      dateEnd: '2023-03-12',
      timePrecision: 2,
      eventType: 'Explosions/Remote violence',
      subEventType: 'Suicide bomb',
      placeName: 'Balkh Province',
      province: 'Balkh',
      country: 'Afghanistan',
      latitude: 36.7092,
      longitude: 67.1109,
      geoPrecision: 3,
      fatalities: 1,
      notes:
        'The article says "last week"; the week is inferred from the article\'s mention of a report dated March 8 and should be confirmed against a dated source. Only the governor\'s death is reported here; other casualties unknown. Coordinates are the provincial capital (region precision).',
      tags: ['targeted killing', 'official'],
      status: 'submitted',
    },
    actors: [
      ['iskp', 'actor1'],
      ['taliban', 'actor2'],
      ['iskp', 'claimedBy'],
    ],
    fatalityReports: [{ count: 1, source: 'article', note: 'the governor' }],
    links: [
      {
        source: 'article',
        supports: ['date', 'location', 'eventType', 'actors', 'fatalities'],
        note: 'Second-hand: "claimed by ISIS".',
      },
    ],
  },
  {
    fields: {
      ...base,
      title: 'District political official killed in Badakhshan, killing announced by ISIS',
      dateStart: '2022-12-01',
      dateEnd: '2022-12-31',
      timePrecision: 3,
      eventType: 'Violence against civilians',
      subEventType: 'Attack',
      placeName: 'Badakhshan Province',
      province: 'Badakhshan',
      country: 'Afghanistan',
      latitude: 37.1166,
      longitude: 70.58,
      geoPrecision: 3,
      fatalities: 1,
      notes:
        'Reported as "In December": month precision. The district is not named. ISIS announced the killing; no independent confirmation in this source.',
      tags: ['targeted killing', 'official'],
      status: 'submitted',
    },
    actors: [
      ['iskp', 'actor1'],
      ['taliban', 'actor2'],
      ['iskp', 'claimedBy'],
    ],
    fatalityReports: [{ count: 1, source: 'article', note: 'the official' }],
    links: [
      {
        source: 'article',
        supports: ['date', 'location', 'actors', 'fatalities'],
        note: 'Only the claim is reported.',
      },
    ],
  },
  {
    fields: {
      ...base,
      title: 'US drone strike kills al-Qaeda leader Ayman al-Zawahiri in Kabul',
      dateStart: '2022-01-01',
      dateEnd: '2022-12-31',
      timePrecision: 3,
      eventType: 'Explosions/Remote violence',
      subEventType: 'Air/drone strike',
      placeName: 'Kabul',
      district: 'Kabul',
      province: 'Kabul',
      country: 'Afghanistan',
      latitude: 34.5553,
      longitude: 69.2075,
      geoPrecision: 1,
      fatalities: 1,
      notes:
        'The article dates it only as "last year". The Taliban refuse to confirm that al-Zawahiri was found and killed in Kabul; the UN report (February) speaks of his death in Kabul.',
      tags: ['drone strike', 'leadership'],
      status: 'submitted',
    },
    actors: [
      ['usMilitary', 'actor1'],
      ['alQaeda', 'actor2'],
      ['taliban', 'deniedBy'],
    ],
    fatalityReports: [{ count: 1, source: 'article', note: 'al-Zawahiri' }],
    links: [
      {
        source: 'article',
        supports: ['date', 'location', 'eventType', 'actors', 'fatalities'],
        note: '',
      },
      {
        source: 'unReport',
        supports: ['location', 'actors'],
        note: 'Refers to "Zawahiri\'s death in Kabul".',
      },
    ],
  },
];

export const SAMPLE_COUNTS = {
  incidents: incidents.length,
  sources: Object.keys(sources).length,
  actors: Object.keys(actors).length,
  places: Object.keys(places).length,
};

/** The sample as one list of create operations, with fresh ids so it can be loaded again. */
export function sampleDataOps(newId: () => string, capturedAt: string): WriteOp[] {
  const actorIds = Object.fromEntries(Object.keys(actors).map((k) => [k, newId()])) as Record<
    ActorKey,
    string
  >;
  const sourceIds = Object.fromEntries(Object.keys(sources).map((k) => [k, newId()])) as Record<
    SourceKey,
    string
  >;
  const ops: WriteOp[] = [];
  for (const [key, fields] of Object.entries(actors))
    ops.push({ type: 'create', kind: 'actor', id: actorIds[key as ActorKey], fields });
  for (const fields of Object.values(places))
    ops.push({ type: 'create', kind: 'place', id: newId(), fields });
  for (const [key, fields] of Object.entries(sources))
    ops.push({
      type: 'create',
      kind: 'source',
      id: sourceIds[key as SourceKey],
      fields: { ...fields, capturedAt },
    });
  for (const incident of incidents) {
    const id = newId();
    ops.push({
      type: 'create',
      kind: 'incident',
      id,
      fields: {
        ...incident.fields,
        actors: incident.actors.map(([key, role]) => ({
          name: actors[key].name,
          role,
          actorId: actorIds[key],
        })),
        fatalityReports: incident.fatalityReports.map((r) => ({
          count: r.count,
          sourceId: sourceIds[r.source],
          note: r.note,
        })),
      },
    });
    for (const link of incident.links) {
      const sourceId = sourceIds[link.source];
      ops.push({
        type: 'create',
        kind: 'link',
        id: linkId(id, sourceId),
        fields: { incidentId: id, sourceId, supports: link.supports, note: link.note },
      });
    }
  }
  return ops;
}
