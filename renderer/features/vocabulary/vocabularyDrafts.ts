/** Form drafts for actors and places: aliases as one comma-separated line, coordinates as text. */
import type { ActorFields, PlaceFields } from '../../../shared/domain/vocabularyRecords.ts';
import { parseOptionalNumber, splitList } from '../../../shared/util/digits.ts';
import type { DraftCodec } from '../editing/useRecordEditor.ts';

export type ActorDraft = Omit<ActorFields, 'aliases'> & { aliases: string };
export type PlaceDraft = Omit<PlaceFields, 'aliases' | 'latitude' | 'longitude'> & {
  aliases: string;
  latitude: string;
  longitude: string;
};

export const actorCodec: DraftCodec<'actor', ActorDraft> = {
  toDraft: (f) => ({ ...f, aliases: f.aliases.join(', ') }),
  fromDraft: (d) => ({ ...d, aliases: splitList(d.aliases) }),
};

export const placeCodec: DraftCodec<'place', PlaceDraft> = {
  toDraft: (f) => ({
    ...f,
    aliases: f.aliases.join(', '),
    latitude: f.latitude === null ? '' : String(f.latitude),
    longitude: f.longitude === null ? '' : String(f.longitude),
  }),
  fromDraft: (d) => ({
    ...d,
    aliases: splitList(d.aliases),
    latitude: parseOptionalNumber(d.latitude),
    longitude: parseOptionalNumber(d.longitude),
  }),
};

export const EMPTY_ACTOR: ActorFields = { name: '', aliases: [], description: '' };
export const EMPTY_PLACE: PlaceFields = {
  name: '',
  aliases: [],
  district: '',
  province: '',
  country: '',
  latitude: null,
  longitude: null,
};
