/**
 * Actors and places: shared vocabularies with aliases in several scripts, so that "ISKP",
 * "ISIS-K" and "داعش خراسان" name one actor and "Mazar-i-Sharif" and "مزار شریف" one place.
 */
import { z } from 'zod';
import * as f from './fields.ts';

export const actorFields = z.object({
  name: f.shortText.min(1, { error: 'validation.nameRequired' }),
  aliases: f.aliases,
  description: f.longText,
});
export type ActorFields = z.infer<typeof actorFields>;
export const actorSchema = actorFields;
export type Actor = ActorFields & { id: string; created: string; updated: string };

export const placeFields = z.object({
  name: f.shortText.min(1, { error: 'validation.nameRequired' }),
  aliases: f.aliases,
  district: f.shortText,
  province: f.shortText,
  country: f.shortText,
  latitude: f.latitude.nullable(),
  longitude: f.longitude.nullable(),
});
export type PlaceFields = z.infer<typeof placeFields>;
export const placeSchema = placeFields;
export type Place = PlaceFields & { id: string; created: string; updated: string };
