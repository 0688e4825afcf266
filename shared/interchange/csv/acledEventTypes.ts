/**
 * An imported event type and sub-type as Daftar's vocabulary: ACLED's current names in their
 * exact spelling, ACLED's 2016 names translated through a table, anything else kept as a custom
 * type. Where the old name covers several current sub-types ("Remote violence" may be a shelling,
 * an air strike or a roadside bomb), the sub-type is left blank and a remark asks for review:
 * a wrong guess would look like data, a blank looks like work to do.
 */
import { ACLED_EVENT_TYPES, acledEventTypes } from '../../domain/vocabulary.ts';
import type { ImportMessage } from '../imported.ts';

export interface ResolvedEventType {
  eventType: string;
  subEventType: string;
  remarks: ImportMessage[];
}

/** Other columns of the row that tell a 2016 riot from a protest. */
export interface EventTypeClues {
  inter1?: string;
  inter2?: string;
  actor1?: string;
}

type LegacyTarget = { type: string; subType: string } | 'riotsOrProtests';

const fold = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s\-–]+/g, ' ');

/** ACLED's event types before the 2019 revision, as written in files of that time. */
const LEGACY_TYPES: Record<string, LegacyTarget> = {
  'riots/protests': 'riotsOrProtests',
  'battle no change of territory': { type: 'Battles', subType: 'Armed clash' },
  'battle government regains territory': {
    type: 'Battles',
    subType: 'Government regains territory',
  },
  'battle non state actor overtakes territory': {
    type: 'Battles',
    subType: 'Non-state actor overtakes territory',
  },
  'remote violence': { type: 'Explosions/Remote violence', subType: '' },
  'violence against civilians': { type: 'Violence against civilians', subType: '' },
  'strategic development': { type: 'Strategic developments', subType: '' },
  'non violent transfer of territory': {
    type: 'Strategic developments',
    subType: 'Non-violent transfer of territory',
  },
  'headquarters or base established': {
    type: 'Strategic developments',
    subType: 'Headquarters or base established',
  },
};

const TYPES_BY_FOLD = new Map(acledEventTypes.map((type) => [fold(type), type as string]));
const SUB_TYPES_BY_FOLD = new Map<string, { type: string; subType: string }>();
for (const type of acledEventTypes) {
  for (const subType of ACLED_EVENT_TYPES[type])
    SUB_TYPES_BY_FOLD.set(fold(subType), { type, subType });
}

/** ACLED's interaction codes (1–8 in 2016 files, words in current ones) for rioters and protesters. */
function riotOrProtest(clues: EventTypeClues): 'Riots' | 'Protests' | null {
  for (const code of [clues.inter1, clues.inter2]) {
    const value = fold(code ?? '');
    if (value === '5' || value === 'rioters') return 'Riots';
    if (value === '6' || value === 'protesters') return 'Protests';
  }
  const actor = fold(clues.actor1 ?? '');
  if (actor.startsWith('rioters')) return 'Riots';
  if (actor.startsWith('protesters')) return 'Protests';
  return null;
}

export function resolveEventType(
  typeText: string,
  subTypeText: string,
  clues: EventTypeClues = {},
): ResolvedEventType {
  const typeKey = fold(typeText);
  const subKey = fold(subTypeText);
  const remarks: ImportMessage[] = [];
  const knownSub = SUB_TYPES_BY_FOLD.get(subKey);
  const legacy = LEGACY_TYPES[typeKey];
  const current = TYPES_BY_FOLD.get(typeKey);

  if (legacy !== undefined && (current === undefined || subKey === '')) {
    if (legacy === 'riotsOrProtests') {
      const type = riotOrProtest(clues);
      if (type === null) {
        remarks.push({
          key: 'interchange.remark.riotOrProtest',
          params: { legacy: typeText.trim() },
        });
        return { eventType: '', subEventType: '', remarks };
      }
      remarks.push({
        key: 'interchange.remark.legacyType',
        params: { legacy: typeText.trim(), type },
      });
      return { eventType: type, subEventType: '', remarks };
    }
    if (legacy.subType === '') {
      remarks.push({
        key: 'interchange.remark.legacyType',
        params: { legacy: typeText.trim(), type: legacy.type },
      });
    }
    return { eventType: legacy.type, subEventType: legacy.subType, remarks };
  }
  if (current !== undefined) {
    // A sub-type of this type in any spelling takes the vocabulary's; another one is kept as
    // written, and the schema refuses it by name.
    const subType = knownSub?.type === current ? knownSub.subType : subTypeText.trim();
    return { eventType: current, subEventType: subType, remarks };
  }
  if (typeKey === '' && knownSub !== undefined) {
    return { eventType: knownSub.type, subEventType: knownSub.subType, remarks };
  }
  const typeAsSub = SUB_TYPES_BY_FOLD.get(typeKey);
  if (typeAsSub !== undefined && subKey === '') {
    return { eventType: typeAsSub.type, subEventType: typeAsSub.subType, remarks };
  }
  return { eventType: typeText.trim(), subEventType: subTypeText.trim(), remarks };
}
