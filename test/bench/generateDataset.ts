/**
 * Deterministic, realistic benchmark data: incidents and sources as a researcher documenting
 * Afghanistan 2021–2025 would record them. Everything comes from one seeded PRNG (mulberry32), so
 * a seed always gives the same records, in any runtime (the bench page runs this in Chromium).
 *
 * Invariant: every record passes `validateRecord` unchanged — the bench run checks all of them
 * before timing anything, so a data-layer benchmark never measures a validation failure.
 * Sizes: an incident's fields average ≈ 950 bytes of UTF-8 JSON (the record size behind the raw
 * IndexedDB floors in TOOLCHAIN.md); notes are 200–800 characters, about a fifth in Dari.
 */
import type {
  FatalityReport,
  IncidentActor,
  IncidentFields,
} from '../../shared/domain/incident.ts';
import type { AttachmentRef, SourceFields } from '../../shared/domain/source.ts';
import type {
  ACLED_EVENT_TYPES,
  AcledEventType,
  ActorRole,
  Credibility,
  RecordStatus,
  Reliability,
  SourceKind,
} from '../../shared/domain/vocabulary.ts';

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, min: number, max: number): number =>
  min + Math.floor(rng() * (max - min + 1));
const chance = (rng: Rng, p: number): boolean => rng() < p;

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

function distinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0)
    out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  return out;
}

/** A v4-shaped UUID from the PRNG, the same length and key spread as `crypto.randomUUID()`. */
function uuid(rng: Rng): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(rng() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

/** `count` distinct record ids for a seed (the data layer's `newId` makes UUIDs too). */
export function generateIds(count: number, seed: number): string[] {
  const rng = mulberry32(seed ^ 0x1d5);
  return Array.from({ length: count }, () => uuid(rng));
}

// ---- places ------------------------------------------------------------------------------------

interface Province {
  name: string;
  dari: string;
  /** Provincial capital, approximate. */
  lat: number;
  lon: number;
  districts: readonly string[];
  /** Relative share of incidents, 2021–2025. */
  weight: number;
}

/** The 34 provinces, capital coordinates (≈0.05°) and a few districts each (capital first). */
const PROVINCES: readonly Province[] = [
  {
    name: 'Badakhshan',
    dari: 'بدخشان',
    lat: 37.12,
    lon: 70.58,
    districts: ['Fayzabad', 'Jurm', 'Argo', 'Darayim', 'Khash'],
    weight: 4,
  },
  {
    name: 'Badghis',
    dari: 'بادغیس',
    lat: 34.98,
    lon: 63.13,
    districts: ['Qala-e-Naw', 'Muqur', 'Ab Kamari'],
    weight: 1.5,
  },
  {
    name: 'Baghlan',
    dari: 'بغلان',
    lat: 35.94,
    lon: 68.71,
    districts: ['Puli Khumri', 'Andarab', 'Khost wa Fereng', 'Dahana-i-Ghori'],
    weight: 4,
  },
  {
    name: 'Balkh',
    dari: 'بلخ',
    lat: 36.71,
    lon: 67.11,
    districts: ['Mazar-i-Sharif', 'Balkh', 'Chimtal', 'Dehdadi', 'Sholgara'],
    weight: 5,
  },
  {
    name: 'Bamyan',
    dari: 'بامیان',
    lat: 34.82,
    lon: 67.83,
    districts: ['Bamyan', 'Yakawlang', 'Waras', 'Panjab'],
    weight: 1.5,
  },
  {
    name: 'Daykundi',
    dari: 'دایکندی',
    lat: 33.72,
    lon: 66.13,
    districts: ['Nili', 'Khedir', 'Ashtarlay'],
    weight: 1,
  },
  {
    name: 'Farah',
    dari: 'فراه',
    lat: 32.37,
    lon: 62.12,
    districts: ['Farah', 'Bala Buluk', 'Anar Dara'],
    weight: 1.5,
  },
  {
    name: 'Faryab',
    dari: 'فاریاب',
    lat: 35.92,
    lon: 64.78,
    districts: ['Maymana', 'Andkhoy', 'Dawlat Abad', 'Shirin Tagab'],
    weight: 2,
  },
  {
    name: 'Ghazni',
    dari: 'غزنی',
    lat: 33.55,
    lon: 68.42,
    districts: ['Ghazni', 'Andar', 'Jaghori', 'Malistan', 'Qarabagh'],
    weight: 3,
  },
  {
    name: 'Ghor',
    dari: 'غور',
    lat: 34.52,
    lon: 65.25,
    districts: ['Firozkoh', 'Shahrak', 'Taywara', 'Pasaband'],
    weight: 1.5,
  },
  {
    name: 'Helmand',
    dari: 'هلمند',
    lat: 31.59,
    lon: 64.37,
    districts: ['Lashkar Gah', 'Nad Ali', 'Gereshk', 'Musa Qala', 'Sangin'],
    weight: 2.5,
  },
  {
    name: 'Herat',
    dari: 'هرات',
    lat: 34.35,
    lon: 62.2,
    districts: ['Herat', 'Injil', 'Guzara', 'Shindand', 'Islam Qala'],
    weight: 5,
  },
  {
    name: 'Jowzjan',
    dari: 'جوزجان',
    lat: 36.67,
    lon: 65.75,
    districts: ['Sheberghan', 'Aqcha', 'Darzab'],
    weight: 1.5,
  },
  {
    name: 'Kabul',
    dari: 'کابل',
    lat: 34.53,
    lon: 69.17,
    districts: ['Kabul', 'Paghman', 'Bagrami', 'Shakar Dara', 'Deh Sabz'],
    weight: 14,
  },
  {
    name: 'Kandahar',
    dari: 'قندهار',
    lat: 31.61,
    lon: 65.71,
    districts: ['Kandahar', 'Spin Boldak', 'Arghandab', 'Daman', 'Panjwayi'],
    weight: 4,
  },
  {
    name: 'Kapisa',
    dari: 'کاپیسا',
    lat: 35.02,
    lon: 69.33,
    districts: ['Mahmud-i-Raqi', 'Nijrab', 'Tagab'],
    weight: 1.5,
  },
  {
    name: 'Khost',
    dari: 'خوست',
    lat: 33.34,
    lon: 69.92,
    districts: ['Khost', 'Gurbuz', 'Sperah', 'Tani'],
    weight: 3,
  },
  {
    name: 'Kunar',
    dari: 'کنر',
    lat: 34.87,
    lon: 71.15,
    districts: ['Asadabad', 'Dangam', 'Sarkano', 'Chawkay'],
    weight: 3.5,
  },
  {
    name: 'Kunduz',
    dari: 'کندز',
    lat: 36.73,
    lon: 68.86,
    districts: ['Kunduz', 'Imam Sahib', 'Chahar Dara', 'Khan Abad'],
    weight: 3.5,
  },
  {
    name: 'Laghman',
    dari: 'لغمان',
    lat: 34.67,
    lon: 70.21,
    districts: ['Mihtarlam', 'Alingar', 'Alishing'],
    weight: 1.5,
  },
  {
    name: 'Logar',
    dari: 'لوگر',
    lat: 33.99,
    lon: 69.02,
    districts: ['Pul-i-Alam', 'Mohammad Agha', 'Baraki Barak'],
    weight: 1.5,
  },
  {
    name: 'Nangarhar',
    dari: 'ننگرهار',
    lat: 34.43,
    lon: 70.45,
    districts: ['Jalalabad', 'Behsud', 'Achin', 'Khogyani', 'Surkh Rod', 'Torkham'],
    weight: 8,
  },
  {
    name: 'Nimroz',
    dari: 'نیمروز',
    lat: 30.96,
    lon: 61.86,
    districts: ['Zaranj', 'Chahar Burjak', 'Kang'],
    weight: 1,
  },
  {
    name: 'Nuristan',
    dari: 'نورستان',
    lat: 35.42,
    lon: 70.92,
    districts: ['Parun', 'Kamdesh', 'Waygal'],
    weight: 0.8,
  },
  {
    name: 'Paktia',
    dari: 'پکتیا',
    lat: 33.6,
    lon: 69.23,
    districts: ['Gardez', 'Zurmat', 'Dand Patan', 'Jaji'],
    weight: 2.5,
  },
  {
    name: 'Paktika',
    dari: 'پکتیکا',
    lat: 33.14,
    lon: 68.75,
    districts: ['Sharana', 'Barmal', 'Urgun', 'Gomal'],
    weight: 2.5,
  },
  {
    name: 'Panjshir',
    dari: 'پنجشیر',
    lat: 35.31,
    lon: 69.52,
    districts: ['Bazarak', 'Rukha', 'Anaba', 'Dara', 'Khenj', 'Paryan'],
    weight: 6,
  },
  {
    name: 'Parwan',
    dari: 'پروان',
    lat: 35.01,
    lon: 69.17,
    districts: ['Charikar', 'Bagram', 'Jabal Saraj', 'Salang'],
    weight: 2.5,
  },
  {
    name: 'Samangan',
    dari: 'سمنگان',
    lat: 36.26,
    lon: 68.02,
    districts: ['Aybak', 'Dara-i-Suf', 'Khulm'],
    weight: 1,
  },
  {
    name: 'Sar-e Pol',
    dari: 'سرپل',
    lat: 36.22,
    lon: 65.93,
    districts: ['Sar-e Pol', 'Sayyad', 'Balkhab', 'Sancharak'],
    weight: 1.5,
  },
  {
    name: 'Takhar',
    dari: 'تخار',
    lat: 36.74,
    lon: 69.53,
    districts: ['Taloqan', 'Rustaq', 'Farkhar', 'Ishkamish'],
    weight: 3,
  },
  {
    name: 'Uruzgan',
    dari: 'ارزگان',
    lat: 32.63,
    lon: 65.87,
    districts: ['Tarinkot', 'Dehrawud', 'Gizab'],
    weight: 1,
  },
  {
    name: 'Wardak',
    dari: 'وردک',
    lat: 34.4,
    lon: 68.87,
    districts: ['Maidan Shar', 'Jalrez', 'Behsud', 'Nerkh'],
    weight: 2,
  },
  {
    name: 'Zabul',
    dari: 'زابل',
    lat: 32.11,
    lon: 66.91,
    districts: ['Qalat', 'Shahjoy', 'Arghandab'],
    weight: 1,
  },
];
const PROVINCE_WEIGHTS = PROVINCES.map((p) => [p, p.weight] as const);

const VILLAGES = [
  'Qala-e-Now',
  'Deh-e-Naw',
  'Sar Asyab',
  'Qarya-e-Bala',
  'Chehel Dukhtaran',
  'Sangcharak',
  'Shahrak',
  'Kariz',
  'Pul-e-Sokhta',
  'Bazar-e-Kohna',
];

// ---- actors and taxonomy -----------------------------------------------------------------------

const TALIBAN = 'Military Forces of Afghanistan (2021-)';
const TALIBAN_POLICE = 'Police Forces of Afghanistan (2021-)';
const TALIBAN_SHORT = 'Taliban';
const ISKP = 'Islamic State Khorasan Province (ISKP)';
const NRF = 'National Resistance Front (NRF)';
const AFF = 'Afghanistan Freedom Front (AFF)';
const PAKISTAN = 'Military Forces of Pakistan';
const UNIDENTIFIED = 'Unidentified Armed Group (Afghanistan)';
const CIVILIANS = 'Civilians (Afghanistan)';
const PROTESTERS = 'Protesters (Afghanistan)';
const WOMEN_PROTESTERS = 'Protesters (Afghanistan) — women';
const RIOTERS = 'Rioters (Afghanistan)';
const JOURNALISTS = 'Civilians (Afghanistan) — journalists';
const FORMER_ANDSF = 'Civilians (Afghanistan) — former ANDSF';

const TYPE_WEIGHTS: readonly (readonly [AcledEventType, number])[] = [
  ['Battles', 22],
  ['Explosions/Remote violence', 20],
  ['Violence against civilians', 30],
  ['Protests', 13],
  ['Riots', 3],
  ['Strategic developments', 12],
];

const SUBTYPE_WEIGHTS: {
  [T in AcledEventType]: readonly (readonly [(typeof ACLED_EVENT_TYPES)[T][number], number])[];
} = {
  Battles: [
    ['Armed clash', 90],
    ['Government regains territory', 6],
    ['Non-state actor overtakes territory', 4],
  ],
  'Explosions/Remote violence': [
    ['Remote explosive/landmine/IED', 40],
    ['Suicide bomb', 12],
    ['Air/drone strike', 18],
    ['Shelling/artillery/missile attack', 15],
    ['Grenade', 14],
    ['Chemical weapon', 1],
  ],
  'Violence against civilians': [
    ['Attack', 70],
    ['Abduction/forced disappearance', 25],
    ['Sexual violence', 5],
  ],
  Protests: [
    ['Peaceful protest', 70],
    ['Protest with intervention', 22],
    ['Excessive force against protesters', 8],
  ],
  Riots: [
    ['Violent demonstration', 55],
    ['Mob violence', 45],
  ],
  'Strategic developments': [
    ['Arrests', 45],
    ['Looting/property destruction', 15],
    ['Change to group/activity', 10],
    ['Disrupted weapons use', 10],
    ['Headquarters or base established', 5],
    ['Non-violent transfer of territory', 5],
    ['Agreement', 5],
    ['Other', 5],
  ],
};

function actorsFor(rng: Rng, type: AcledEventType, subType: string): IncidentActor[] {
  const a = (name: string, role: ActorRole): IncidentActor => ({ name, role, actorId: null });
  const taliban = () =>
    chance(rng, 0.2) ? TALIBAN_SHORT : chance(rng, 0.3) ? TALIBAN_POLICE : TALIBAN;
  switch (type) {
    case 'Battles': {
      const [x, y] = weighted(rng, [
        [[taliban(), NRF], 40],
        [[taliban(), AFF], 15],
        [[taliban(), ISKP], 20],
        [[PAKISTAN, taliban()], 15],
        [[taliban(), UNIDENTIFIED], 10],
      ] as const);
      const out = [a(x, 'actor1'), a(y, 'actor2')];
      if (y === NRF && chance(rng, 0.3)) out.push(a(NRF, 'claimedBy'));
      return out;
    }
    case 'Explosions/Remote violence': {
      if (subType === 'Air/drone strike' || subType === 'Shelling/artillery/missile attack') {
        const out = [a(PAKISTAN, 'actor1'), a(CIVILIANS, 'actor2')];
        if (chance(rng, 0.4)) out.push(a(PAKISTAN, 'deniedBy'));
        return out;
      }
      const perpetrator = weighted(rng, [
        [ISKP, 45],
        [UNIDENTIFIED, 45],
        [AFF, 10],
      ] as const);
      const target = chance(rng, 0.6) ? CIVILIANS : taliban();
      const out = [a(perpetrator, 'actor1'), a(target, 'actor2')];
      if (perpetrator === ISKP && chance(rng, 0.6)) out.push(a(ISKP, 'claimedBy'));
      return out;
    }
    case 'Violence against civilians': {
      const perpetrator = weighted(rng, [
        [taliban(), 55],
        [UNIDENTIFIED, 30],
        [ISKP, 15],
      ] as const);
      const victim = weighted(rng, [
        [CIVILIANS, 60],
        [FORMER_ANDSF, 25],
        [JOURNALISTS, 15],
      ] as const);
      const out = [a(perpetrator, 'actor1'), a(victim, 'actor2')];
      if (chance(rng, 0.25)) out.push(a(TALIBAN, 'deniedBy'));
      return out;
    }
    case 'Protests': {
      const protesters = chance(rng, 0.45) ? WOMEN_PROTESTERS : PROTESTERS;
      return subType === 'Peaceful protest'
        ? [a(protesters, 'actor1')]
        : [a(protesters, 'actor1'), a(taliban(), 'actor2')];
    }
    case 'Riots':
      return chance(rng, 0.5)
        ? [a(RIOTERS, 'actor1')]
        : [a(RIOTERS, 'actor1'), a(taliban(), 'actor2')];
    case 'Strategic developments': {
      const actor = weighted(rng, [
        [taliban(), 70],
        [NRF, 10],
        [ISKP, 10],
        [PAKISTAN, 10],
      ] as const);
      const out = [a(actor, 'actor1')];
      if (subType === 'Arrests')
        out.push(a(pick(rng, [CIVILIANS, JOURNALISTS, FORMER_ANDSF, WOMEN_PROTESTERS]), 'actor2'));
      return out;
    }
  }
}

// ---- text --------------------------------------------------------------------------------------

interface Scene {
  district: string;
  province: Province;
  place: string;
  actor: string;
  n: number;
}

const TITLES_EN: { [T in AcledEventType]: readonly ((s: Scene) => string)[] } = {
  Battles: [
    (s) =>
      `Clashes between ${s.actor} and resistance fighters in ${s.district}, ${s.province.name}`,
    (s) => `Fighting reported in ${s.district} district, ${s.province.name}`,
    (s) => `${s.actor} operation against armed group near ${s.place}`,
  ],
  'Explosions/Remote violence': [
    (s) => `Explosion in ${s.place}, ${s.province.name}`,
    (s) => `Roadside bomb hits vehicle in ${s.district} district`,
    (s) => `Suicide attack near mosque in ${s.province.name} kills ${s.n}`,
    (s) => `Air strikes reported in ${s.district}, ${s.province.name}`,
  ],
  'Violence against civilians': [
    (s) => `Former soldier killed in ${s.district}, ${s.province.name}`,
    (s) => `Body of detained man returned to family in ${s.place}`,
    (s) => `Gunmen kill ${s.n} civilians in ${s.district} district`,
    (s) => `Journalist abducted in ${s.province.name}`,
  ],
  Protests: [
    (s) => `Women protest school closures in ${s.province.name}`,
    (s) => `Residents protest land seizure in ${s.district}`,
    (s) => `Protest dispersed with gunfire in ${s.place}, ${s.province.name}`,
  ],
  Riots: [
    (s) => `Mob attacks aid distribution point in ${s.district}`,
    (s) => `Violent demonstration over water dispute in ${s.province.name}`,
  ],
  'Strategic developments': [
    (s) => `${s.actor} detain civil society activist in ${s.province.name}`,
    (s) => `House searches and arrests in ${s.district}, ${s.province.name}`,
    (s) => `Weapons cache seized in ${s.place}`,
    (s) => `Checkpoint established on highway in ${s.district}`,
  ],
};

const TITLES_FA: { [T in AcledEventType]: readonly ((s: Scene) => string)[] } = {
  Battles: [
    (s) => `درگیری میان طالبان و نیروهای مقاومت در ولایت ${s.province.dari}`,
    (s) => `جنگ شدید در یکی از ولسوالی‌های ${s.province.dari}`,
  ],
  'Explosions/Remote violence': [
    (s) => `انفجار ماین کنار جاده در ${s.province.dari}`,
    (s) => `حمله انتحاری در ${s.province.dari}؛ ${s.n} تن کشته شدند`,
  ],
  'Violence against civilians': [
    (s) => `کشته شدن یک عضو پیشین نیروهای امنیتی در ${s.province.dari}`,
    (s) => `افراد مسلح ناشناس ${s.n} غیرنظامی را در ${s.province.dari} کشتند`,
  ],
  Protests: [
    (s) => `اعتراض زنان به بسته ماندن مکاتب در ${s.province.dari}`,
    (s) => `تجمع اعتراضی باشندگان در ${s.province.dari}`,
  ],
  Riots: [(s) => `خشونت در جریان توزیع کمک‌ها در ${s.province.dari}`],
  'Strategic developments': [
    (s) => `بازداشت یک فعال مدنی در ${s.province.dari}`,
    (s) => `بازرسی خانه به خانه و بازداشت‌ها در ${s.province.dari}`,
  ],
};

const NOTES_EN: readonly ((s: Scene) => string)[] = [
  (s) =>
    `According to local sources, ${s.actor} fighters were involved in the incident in ${s.district} district of ${s.province.name} province.`,
  (s) => `Residents said the clash lasted several hours and that ${s.n} people were wounded.`,
  () => 'A spokesperson claimed responsibility in a statement posted on Telegram the same evening.',
  () => 'The provincial police spokesperson confirmed the incident but gave no casualty figures.',
  () => 'Local elders said the victims were civilians returning from the district market.',
  (s) => `Health officials at the provincial hospital said they had received ${s.n} injured.`,
  () => 'The figures could not be independently verified; reports conflict on the number of dead.',
  () => 'Taliban officials denied the report and called it propaganda by exiled media.',
  (s) => `Witnesses described a loud explosion near ${s.place} shortly after morning prayers.`,
  () =>
    'Family members said the man had served in the former Afghan National Army and held an amnesty letter.',
  () =>
    'UNAMA said it was aware of the reports and was following up with the de facto authorities.',
  () => 'Communication networks in the area were cut for two days after the incident.',
  (s) => `The body was found on the outskirts of ${s.place} two days after the arrest.`,
  () => 'Local journalists said they were told not to report on the incident.',
  () =>
    'Pakistani officials did not comment; the de facto ministry of defence summoned the chargé d’affaires.',
  () =>
    'The National Resistance Front gave a higher casualty figure than the de facto authorities.',
  () => 'No group has claimed responsibility.',
  () => 'The area was cordoned off for several hours.',
  () => 'Two vehicles were destroyed.',
  (s) => `Schools in ${s.district} were closed the next day.`,
  () => 'Relatives were not allowed to see the body.',
];

const NOTES_FA: readonly ((s: Scene) => string)[] = [
  (s) => `به گفته منابع محلی، این رویداد در ولایت ${s.province.dari} رخ داده است.`,
  (s) => `منابع محلی می‌گویند که در این رویداد ${s.n} تن کشته و چندین تن دیگر زخمی شده‌اند.`,
  () => 'سخنگوی پولیس این ولایت وقوع رویداد را تأیید کرد، اما از تلفات آن چیزی نگفت.',
  () => 'گروه داعش خراسان مسئولیت این حمله را بر عهده گرفته است.',
  () => 'طالبان این گزارش را رد کرده و آن را تبلیغات رسانه‌های بیرون مرزی خواندند.',
  () => 'شاهدان عینی از شنیده شدن صدای انفجار شدید در نزدیکی مرکز ولسوالی خبر دادند.',
  () => 'خانواده قربانی گفتند که او عضو پیشین اردوی ملی بوده و امان‌نامه داشته است.',
  () => 'این ارقام به‌طور مستقل تأیید نشده است.',
  () => 'یوناما گفته است که این گزارش‌ها را پیگیری می‌کند.',
  () => 'شبکه‌های مخابراتی در منطقه برای دو روز قطع بودند.',
  () => 'هیچ گروهی مسئولیت این رویداد را نپذیرفته است.',
  () => 'منطقه برای چند ساعت محاصره شد.',
  () => 'دو موتر در این رویداد تخریب شد.',
];

/**
 * Whole sentences up to a length drawn from 200–800 characters, skewed short (most field notes
 * are a few sentences, a few run long) so that an incident averages ≈ 950 bytes of JSON.
 */
function notes(rng: Rng, pool: readonly ((s: Scene) => string)[], scene: Scene): string {
  const limit = 200 + Math.floor(600 * rng() ** 14);
  const sentences = distinct(rng, pool, pool.length).map((sentence) => sentence(scene));
  const chosen: string[] = [];
  let length = -1;
  for (const sentence of sentences) {
    if (length + 1 + sentence.length > limit) continue;
    chosen.push(sentence);
    length += 1 + sentence.length;
  }
  // Top up with the shortest sentences left when the draw fell short of 200 characters.
  const rest = sentences.filter((s) => !chosen.includes(s)).sort((a, b) => a.length - b.length);
  for (const sentence of rest) {
    if (length >= 200) break;
    chosen.push(sentence);
    length += 1 + sentence.length;
  }
  return chosen.join(' ');
}

const TAGS = [
  'women',
  'journalists',
  'former-andsf',
  'revenge-killing',
  'hazara',
  'education',
  'border',
  'drone',
  'detention',
  'minorities',
  'aid-workers',
  'night-raid',
  'checkpoint',
  'mosque',
  'poppy',
  'land-dispute',
  'torture',
  'executions',
];
const REPORT_NOTES = [
  '',
  '',
  'police spokesperson',
  'hospital officials',
  'local residents',
  'claim of responsibility',
  'UNAMA figure',
  'family members',
];

// ---- dates -------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2021, 0, 1);
const LAST_DAY = Date.UTC(2025, 11, 31);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A day in 2021–2025, more of them around the takeover (Aug 2021) and in 2021–2022. */
function eventDay(rng: Rng): number {
  if (chance(rng, 0.12)) return Date.UTC(2021, 6, 15) + int(rng, 0, 90) * DAY_MS;
  const year = weighted(rng, [
    [2021, 26],
    [2022, 24],
    [2023, 18],
    [2024, 16],
    [2025, 16],
  ] as const);
  const start = Date.UTC(year, 0, 1);
  return start + int(rng, 0, (Date.UTC(year + 1, 0, 1) - start) / DAY_MS - 1) * DAY_MS;
}

function dating(
  rng: Rng,
): Pick<IncidentFields, 'dateStart' | 'dateEnd' | 'time' | 'timePrecision'> {
  const day = eventDay(rng);
  const precision = weighted(rng, [
    [1, 78],
    [2, 14],
    [3, 8],
  ] as const);
  if (precision === 2) {
    const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
    const start = Math.max(FIRST_DAY, Math.min(monday, LAST_DAY - 6 * DAY_MS));
    return {
      dateStart: isoDay(start),
      dateEnd: isoDay(start + 6 * DAY_MS),
      time: null,
      timePrecision: 2,
    };
  }
  if (precision === 3) {
    const d = new Date(day);
    const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
    return { dateStart: isoDay(first), dateEnd: isoDay(last), time: null, timePrecision: 3 };
  }
  const end = chance(rng, 0.1) ? isoDay(Math.min(LAST_DAY, day + int(rng, 1, 5) * DAY_MS)) : null;
  const time = chance(rng, 0.35)
    ? `${String(int(rng, 4, 22)).padStart(2, '0')}:${String(int(rng, 0, 11) * 5).padStart(2, '0')}`
    : null;
  return { dateStart: isoDay(day), dateEnd: end, time, timePrecision: 1 };
}

// ---- incidents ---------------------------------------------------------------------------------

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function fatalityCount(rng: Rng, type: AcledEventType, subType: string): number {
  switch (type) {
    case 'Battles':
      return Math.floor(rng() ** 2 * 30);
    case 'Explosions/Remote violence':
      return subType === 'Suicide bomb' ? int(rng, 1, 60) : Math.floor(rng() ** 2 * 15);
    case 'Violence against civilians':
      return subType === 'Attack' ? int(rng, 1, 5) : int(rng, 0, 1);
    case 'Protests':
      return subType === 'Excessive force against protesters' ? int(rng, 0, 5) : 0;
    case 'Riots':
      return int(rng, 0, 2);
    case 'Strategic developments':
      return 0;
  }
}

export interface IncidentOptions {
  /** Ids a fatality report may cite; random ids (dangling references) when absent. */
  sourceIds?: readonly string[];
}

/** `count` valid incidents for a seed; the same seed always gives the same incidents. */
export function generateIncidents(
  count: number,
  seed: number,
  options: IncidentOptions = {},
): IncidentFields[] {
  const rng = mulberry32(seed);
  const out: IncidentFields[] = [];
  for (let i = 0; i < count; i++) out.push(incident(rng, options));
  return out;
}

function incident(rng: Rng, options: IncidentOptions): IncidentFields {
  const custom = chance(rng, 0.01);
  const type = weighted(rng, TYPE_WEIGHTS);
  const subType: string = weighted<string>(rng, SUBTYPE_WEIGHTS[type]);
  const province = weighted(rng, PROVINCE_WEIGHTS);
  const district = chance(rng, 0.45) ? province.districts[0]! : pick(rng, province.districts);
  const actors = actorsFor(rng, type, subType);
  const scene: Scene = {
    district,
    province,
    place: chance(rng, 0.6) ? district : pick(rng, VILLAGES),
    actor:
      actors[0]!.name === TALIBAN_POLICE ? 'Taliban police' : actors[0]!.name.replace(/ \(.*$/, ''),
    n: int(rng, 1, 12),
  };
  const dari = chance(rng, 0.2);
  const title = pick(rng, (dari ? TITLES_FA : TITLES_EN)[type])(scene);

  const geoPrecision = weighted(rng, [
    [1, 45],
    [2, 35],
    [3, 20],
  ] as const);
  const located = chance(rng, 0.95);
  const spread = geoPrecision === 3 ? 0 : geoPrecision === 2 ? 0.15 : 0.35;
  const latitude = located
    ? round(province.lat + (rng() * 2 - 1) * spread, geoPrecision === 1 ? 5 : 3)
    : null;
  const longitude = located
    ? round(province.lon + (rng() * 2 - 1) * spread, geoPrecision === 1 ? 5 : 3)
    : null;

  const reportCount =
    type === 'Strategic developments' || type === 'Protests'
      ? weighted(rng, [
          [0, 80],
          [1, 20],
        ] as const)
      : weighted(rng, [
          [0, 25],
          [1, 40],
          [2, 25],
          [3, 10],
        ] as const);
  const base = fatalityCount(rng, type, subType);
  const fatalityReports: FatalityReport[] = Array.from({ length: reportCount }, (_, k) => ({
    count: k === 0 ? base : base + int(rng, 0, Math.max(2, base)),
    sourceId: chance(rng, 0.4)
      ? null
      : options.sourceIds?.length
        ? pick(rng, options.sourceIds)
        : uuid(rng),
    note: pick(rng, REPORT_NOTES),
  }));
  const fatalities =
    reportCount > 0
      ? Math.min(...fatalityReports.map((r) => r.count))
      : chance(rng, 0.5)
        ? null
        : base;

  const status: RecordStatus = weighted(rng, [
    ['draft', 10],
    ['unverified', 38],
    ['verified', 42],
    ['disputed', 10],
  ] as const);
  return {
    title,
    ...dating(rng),
    eventType: custom ? 'Targeted killing' : type,
    subEventType: custom ? '' : subType,
    actors,
    placeName: scene.place,
    district,
    province: province.name,
    country: 'Afghanistan',
    latitude,
    longitude,
    geoPrecision,
    fatalities,
    fatalityReports,
    injured: chance(rng, 0.4) ? null : Math.floor(rng() ** 2 * 40),
    notes: notes(rng, dari ? NOTES_FA : NOTES_EN, scene),
    tags: distinct(
      rng,
      TAGS,
      weighted(rng, [
        [0, 20],
        [1, 35],
        [2, 30],
        [3, 10],
        [4, 5],
      ] as const),
    ),
    status,
    statusReason: '',
    externalId: '',
    mergedFrom: [],
  };
}

// ---- sources -----------------------------------------------------------------------------------

interface Outlet {
  name: string;
  kind: SourceKind;
  languages: readonly string[];
  url: (rng: Rng, day: string) => string;
  reliability: readonly (readonly [Reliability, number])[];
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => int(rng, 0, 9)).join('');
const SLUGS = [
  'taliban-detain-activist',
  'explosion-kills-civilians',
  'women-protest-school-closure',
  'clashes-in-panjshir',
  'pakistani-airstrikes-khost',
  'former-soldier-killed',
  'iskp-claims-attack',
  'unama-human-rights-update',
];

const OUTLETS: readonly (readonly [Outlet, number])[] = [
  [
    {
      name: 'Tolonews',
      kind: 'newsArticle',
      languages: ['en', 'fa', 'ps'],
      url: (r) => `https://tolonews.com/afghanistan-${int(r, 170000, 199999)}`,
      reliability: [
        ['B', 60],
        ['C', 40],
      ],
    },
    20,
  ],
  [
    {
      name: 'Pajhwok Afghan News',
      kind: 'newsArticle',
      languages: ['en', 'ps', 'fa'],
      url: (r, d) => `https://pajhwok.com/${d.replace(/-/g, '/')}/${pick(r, SLUGS)}/`,
      reliability: [
        ['B', 70],
        ['C', 30],
      ],
    },
    14,
  ],
  [
    {
      name: 'Amu TV',
      kind: 'newsArticle',
      languages: ['en', 'fa'],
      url: (r) => `https://amu.tv/${int(r, 10000, 160000)}/`,
      reliability: [
        ['B', 50],
        ['C', 50],
      ],
    },
    12,
  ],
  [
    {
      name: 'BBC Persian',
      kind: 'newsArticle',
      languages: ['fa'],
      url: (r) =>
        `https://www.bbc.com/persian/articles/c${digits(r, 4)}${pick(r, ['xy', 'kz', 'mq'])}${digits(r, 4)}o`,
      reliability: [
        ['A', 40],
        ['B', 60],
      ],
    },
    10,
  ],
  [
    {
      name: 'VOA Dari',
      kind: 'newsArticle',
      languages: ['fa'],
      url: (r) => `https://www.darivoa.com/a/${digits(r, 7)}.html`,
      reliability: [
        ['B', 80],
        ['C', 20],
      ],
    },
    8,
  ],
  [
    {
      name: 'Afghanistan International',
      kind: 'newsArticle',
      languages: ['fa', 'en'],
      url: (r, d) => `https://www.afintl.com/${d.replace(/-/g, '')}${digits(r, 4)}`,
      reliability: [
        ['B', 40],
        ['C', 50],
        ['D', 10],
      ],
    },
    10,
  ],
  [
    {
      name: 'UNAMA',
      kind: 'report',
      languages: ['en'],
      url: (r) => `https://unama.unmissions.org/${pick(r, SLUGS)}-${digits(r, 4)}`,
      reliability: [
        ['A', 70],
        ['B', 30],
      ],
    },
    6,
  ],
  [
    {
      name: 'Ministry of Defence (de facto)',
      kind: 'officialStatement',
      languages: ['ps', 'fa'],
      url: (r) => `https://x.com/MoDAfghanistan2/status/${digits(r, 19)}`,
      reliability: [
        ['C', 40],
        ['D', 40],
        ['E', 20],
      ],
    },
    6,
  ],
  [
    {
      name: 'X',
      kind: 'socialMediaPost',
      languages: ['fa', 'ps', 'en'],
      url: (r) =>
        `https://x.com/${pick(r, ['kabul_reporter', 'AfghanWitness', 'panjshir_news', 'NRFafg', 'ZabihullahM4'])}/status/${digits(r, 19)}`,
      reliability: [
        ['C', 20],
        ['D', 30],
        ['E', 20],
        ['F', 30],
      ],
    },
    8,
  ],
  [
    {
      name: 'Telegram',
      kind: 'socialMediaPost',
      languages: ['fa', 'ps'],
      url: (r) =>
        `https://t.me/${pick(r, ['amaq_khorasan', 'kabulnow', 'hashte_sobh', 'afghan_resistance'])}/${int(r, 100, 99999)}`,
      reliability: [
        ['D', 40],
        ['E', 20],
        ['F', 40],
      ],
    },
    6,
  ],
];

const AUTHORS = [
  '',
  '',
  'Zahra Rahimi',
  'Sharif Amiry',
  'Mohammad Amin Ahmadi',
  'Fatima Farahmand',
  'Staff reporter',
  'Abdul Qadir Sediqi',
  'Hasht-e Subh reporter',
];
const EXCERPTS_EN = [
  'Local officials confirmed that the explosion took place near the district centre and that several civilians were among the casualties.',
  'The spokesman said security forces had detained the suspects and that an investigation was under way.',
  'Residents told the outlet that the men were taken from their homes at night and that their families have received no information since.',
  'The United Nations said it was deeply concerned by the reports and called on the de facto authorities to investigate.',
  'According to the statement, the group’s fighters targeted a convoy on the main highway.',
];
const EXCERPTS_FA = [
  'مقام‌های محلی تأیید کردند که انفجار در نزدیکی مرکز ولسوالی رخ داده و شماری از غیرنظامیان در میان قربانیان هستند.',
  'باشندگان محل می‌گویند که این افراد شبانه از خانه‌هایشان برده شده‌اند و از آن زمان خبری از آنان نیست.',
  'سخنگوی طالبان گفت که مظنونان بازداشت شده‌اند و تحقیقات جریان دارد.',
];
const ATTACHMENT_KINDS = [
  ['article.pdf', 'application/pdf'],
  ['screenshot.png', 'image/png'],
  ['page.mhtml', 'multipart/related'],
  ['video.mp4', 'video/mp4'],
] as const;

/** `count` valid sources for a seed: outlets, URLs, languages, admiralty grades, excerpts. */
export function generateSources(count: number, seed: number): SourceFields[] {
  const rng = mulberry32(seed ^ 0x5eed);
  return Array.from({ length: count }, () => source(rng));
}

function source(rng: Rng): SourceFields {
  const interview = chance(rng, 0.06);
  const outlet = weighted(rng, OUTLETS);
  const published = eventDay(rng);
  const publishedAt = interview ? null : isoDay(published);
  const capturedAt = chance(rng, 0.1)
    ? null
    : isoDay(Math.min(LAST_DAY, published + int(rng, 0, 30) * DAY_MS));
  const language = interview ? pick(rng, ['fa', 'ps']) : pick(rng, outlet.languages);
  const excerptPool = language === 'en' ? EXCERPTS_EN : EXCERPTS_FA;
  const excerpt = distinct(rng, excerptPool, int(rng, 1, 3)).join(' ');
  const attachments: AttachmentRef[] = Array.from(
    {
      length: weighted(rng, [
        [0, 80],
        [1, 15],
        [2, 5],
      ] as const),
    },
    () => {
      const [name, mediaType] = pick(rng, ATTACHMENT_KINDS);
      return {
        sha256: Array.from({ length: 64 }, () => Math.floor(rng() * 16).toString(16)).join(''),
        name,
        mediaType,
        size: int(rng, 20_000, 8_000_000),
        addedAt: new Date(
          published + int(rng, 0, 40) * DAY_MS + int(rng, 0, DAY_MS - 1),
        ).toISOString(),
      };
    },
  );
  const credibility: Credibility | null = chance(rng, 0.1)
    ? null
    : weighted(rng, [
        [1, 5],
        [2, 30],
        [3, 35],
        [4, 15],
        [5, 5],
        [6, 10],
      ] as const);
  return {
    kind: interview ? 'witnessInterview' : outlet.kind,
    title: interview
      ? `Interview with a resident of ${pick(rng, PROVINCES).name}`
      : language === 'en'
        ? pick(rng, EXCERPTS_EN).split(/[,.]/)[0]!
        : pick(rng, EXCERPTS_FA).split(/[،.]/)[0]!,
    outlet: interview ? '' : outlet.name,
    author: pick(rng, AUTHORS),
    url: interview ? '' : outlet.url(rng, publishedAt ?? isoDay(published)),
    publishedAt,
    capturedAt: publishedAt && capturedAt && capturedAt < publishedAt ? publishedAt : capturedAt,
    language,
    reliability: chance(rng, 0.1) ? null : weighted(rng, outlet.reliability),
    credibility,
    excerpt,
    fullText: chance(rng, 0.15)
      ? Array.from({ length: int(rng, 3, 8) }, () => pick(rng, excerptPool)).join('\n\n')
      : '',
    attachments,
    status: 'draft',
    statusReason: '',
  };
}

/** Average size in UTF-8 bytes of the JSON of `values` (what the ~950 B target refers to). */
export function averageJsonBytes(values: readonly unknown[]): number {
  if (values.length === 0) return 0;
  const encoder = new TextEncoder();
  let total = 0;
  for (const value of values) total += encoder.encode(JSON.stringify(value)).byteLength;
  return total / values.length;
}
