/**
 * Which actors two incidents share. Two researchers name the same group differently: in full
 * ("Islamic State Khorasan Province (ISKP)"), by its acronym ("ISKP"), without the qualifier in
 * brackets ("Civilians" for "Civilians (Afghanistan)"), in another order, or typed on a keyboard
 * that gives ي for ی. Each name therefore has a few keys — folded full name, name without the
 * brackets, the acronym in the brackets, the initials of a name of three words or more — and two
 * actors are the same when any of their keys are. Roles are ignored: an actor named as both
 * perpetrator and claimant is one actor.
 */
import { foldFast } from './foldText.ts';

/** Words left out of initials ("Military Forces of Pakistan" → MFP). */
const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'de', 'al']);

/** One actor's keys; `label` is the name as first written (for the reasons shown). */
export interface ActorKeys {
  label: string;
  keys: readonly string[];
}

const words = (text: string) => foldFast(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** The keys of one actor name (empty for a blank name). */
export function keysOfActorName(name: string): string[] {
  const keys = new Set<string>();
  const full = words(name).join(' ');
  if (full === '') return [];
  keys.add(full);
  const bracketed = [...name.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!.trim());
  const bare = words(name.replace(/\([^()]*\)/g, ' ')).join(' ');
  if (bare !== '') keys.add(bare);
  for (const inside of bracketed) {
    // Only an acronym in brackets names the actor; "(Afghanistan)" or "(2021-)" qualifies it.
    if (/^(?=.*\p{Lu})[\p{Lu}\p{N}&.-]{2,12}$/u.test(inside)) keys.add(words(inside).join(''));
  }
  const significant = words(name.replace(/\([^()]*\)/g, ' ')).filter((w) => !SMALL_WORDS.has(w));
  // Three words or more: the initials of two ("Zahra Rahimi" → ZR) would join unrelated people.
  if (significant.length >= 3 && significant.every((w) => /^\p{L}/u.test(w))) {
    keys.add(significant.map((w) => w[0]).join(''));
  }
  // A name that is an acronym itself ("ISKP", "I.S.K.P.") also matches the initials form.
  if (/^[\p{Lu}.&]{2,12}$/u.test(name.trim())) keys.add(words(name).join(''));
  return [...keys];
}

/** The distinct actors of an incident: names with a key in common count once. */
export function actorKeysOf(names: readonly string[]): ActorKeys[] {
  return actorsOf(names, keysOfActorName);
}

/** actorKeysOf with the keys of a name from `keysOf` (a search caches them). */
export function actorsOf(
  names: readonly string[],
  keysOf: (name: string) => readonly string[],
): ActorKeys[] {
  const actors: ActorKeys[] = [];
  for (const name of names) {
    const keys = keysOf(name);
    if (keys.length === 0) continue;
    const same = actors.find((a) => a.keys.some((k) => keys.includes(k)));
    if (same) same.keys = [...new Set([...same.keys, ...keys])];
    else actors.push({ label: name.trim(), keys });
  }
  return actors;
}

export interface ActorOverlap {
  /** Actors of `a` matched by one of `b` (as `a` names them). */
  shared: string[];
  /** Shared actors over the actors named by either (Jaccard index), 0–1. */
  jaccard: number;
}

/**
 * How far two incidents' actors agree; null when either names none. The shared names are
 * listed only when `withNames` (the search's fast path needs the index alone).
 */
export function actorOverlap(
  a: readonly ActorKeys[],
  b: readonly ActorKeys[],
  withNames = true,
): ActorOverlap | null {
  if (a.length === 0 || b.length === 0) return null;
  // Which of b's actors are matched already: bits of a number for the usual few, else an array.
  let bits = 0;
  const many = b.length > 30 ? new Uint8Array(b.length) : null;
  let count = 0;
  const shared: string[] = [];
  for (const actor of a) {
    for (let i = 0; i < b.length; i++) {
      if (many ? many[i] === 1 : bits & (1 << i)) continue;
      if (!b[i]!.keys.some((k) => actor.keys.includes(k))) continue;
      if (many) many[i] = 1;
      else bits |= 1 << i;
      count++;
      if (withNames) shared.push(actor.label);
      break;
    }
  }
  return { shared, jaccard: count / (a.length + b.length - count) };
}
