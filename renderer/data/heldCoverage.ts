/**
 * What a place this profile syncs with — the team hub, the sync folder — is known to hold, kept
 * as a small per-device claim (`HeldCoverage`) rather than a list of everything sent: what a
 * `notHeld` export scope leaves out, what counts as "changes waiting", and how the claim grows
 * with each push and pull.
 */
import type { CustodyEntry } from '../../shared/domain/custody.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import type { DaftarDatabase } from './database.ts';

/** The places team sync exchanges bundles with. */
export type SyncPlace = 'hub' | 'folder';

/**
 * What the team hub (or the sync folder) is known to hold, per device whose items these are:
 * "every one of that device's items this profile held up to `last` — `count` of them — is on
 * the hub". Change sets
 * are ordered by clock, custody entries (which have none) by time and id. The claim is checked
 * when used, as `unseenBy` checks a teammate's: if the profile now holds a different number up to
 * `last` — a teammate's older items arrived meanwhile, by a USB bundle say — the hub may lack
 * some, and all of that device's items are sent again (an import skips what it has).
 *
 * It grows two ways: what was pushed (the profile's whole holding as it stood just before the
 * pushed bundle was made: everything in it was either on the hub already or in the bundle), and
 * what was pulled (a device all of whose held items are now covered or came from the hub).
 */
export interface HeldCoverage {
  changes: Record<string, Covered>;
  custody: Record<string, Covered>;
}
export interface Covered {
  last: string;
  count: number;
}

export const NOTHING_HELD: HeldCoverage = { changes: {}, custody: {} };

interface Item {
  device: string;
  key: string;
}
const changeItem = (set: ChangeSet): Item => ({ device: set.device, key: set.hlc });
const custodyItem = (entry: CustodyEntry): Item => ({
  device: entry.device,
  key: `${entry.at}|${entry.id}`,
});

/** A device's entry, never one inherited from Object.prototype (a device may be named so). */
const own = (covered: Record<string, Covered>, device: string): Covered | undefined =>
  Object.hasOwn(covered, device) ? covered[device] : undefined;

function copy(covered: Record<string, Covered>): Record<string, Covered> {
  return Object.assign(Object.create(null) as Record<string, Covered>, covered);
}

function notCovered<T>(items: T[], covered: Record<string, Covered>, item: (t: T) => Item): T[] {
  const upTo = new Map<string, number>();
  for (const t of items) {
    const { device, key } = item(t);
    const c = own(covered, device);
    if (c && key <= c.last) upTo.set(device, (upTo.get(device) ?? 0) + 1);
  }
  return items.filter((t) => {
    const { device, key } = item(t);
    const c = own(covered, device);
    return !c || key > c.last || upTo.get(device) !== c.count;
  });
}

function coverageOf<T>(items: readonly T[], item: (t: T) => Item): Record<string, Covered> {
  const out: Record<string, Covered> = Object.create(null) as Record<string, Covered>;
  for (const t of items) {
    const { device, key } = item(t);
    const c = own(out, device);
    if (!c) out[device] = { last: key, count: 1 };
    else {
      c.count++;
      if (key > c.last) c.last = key;
    }
  }
  return out;
}

/**
 * Everything this profile holds, as coverage: what the hub holds once what it lacks is pushed.
 * With `upTo`, only the change sets with clocks up to it (and every custody entry): what the hub
 * holds once a `notHeld` bundle with the same `upTo` is pushed.
 */
export async function holdingCoverage(db: DaftarDatabase, upTo?: string): Promise<HeldCoverage> {
  return db.transaction('r', ['commits', 'custody'], async () => {
    const changes = (await db.commits.toArray()).flatMap((c) => c.sets);
    return {
      changes: coverageOf(
        upTo === undefined ? changes : changes.filter((set) => set.hlc <= upTo),
        changeItem,
      ),
      custody: coverageOf(await db.custody.toArray(), custodyItem),
    };
  });
}

/**
 * The change sets and custody entries `held` does not cover, the change sets only up to `upTo`
 * when given (the order `holdingCoverage(db, upTo)` then claims).
 */
export function notHeld(
  held: HeldCoverage,
  changes: ChangeSet[],
  custody: CustodyEntry[],
  upTo?: string,
): { changes: ChangeSet[]; custody: CustodyEntry[] } {
  const lacking = notCovered(changes, held.changes, changeItem);
  return {
    changes: upTo === undefined ? lacking : lacking.filter((set) => set.hlc <= upTo),
    custody: notCovered(custody, held.custody, custodyItem),
  };
}

/**
 * What the place holds once a bundle with `marker` (its `holdingCoverage`) reached it: the
 * stored claims this profile's holding still bears out, joined with the marker. A claim the
 * holding contradicts — the profile now holds a different number of that device's items up to
 * its `last`, an older item having arrived by file meanwhile — already counts for nothing (every
 * item of that device is pending again); were it kept, it would outrank the marker of a push
 * split in parts (whose `last` is earlier) and the same part would be sent over and over.
 */
export async function heldAfterPush(
  db: DaftarDatabase,
  held: HeldCoverage,
  marker: HeldCoverage,
): Promise<HeldCoverage> {
  const bornOut = <T>(items: T[], covered: Record<string, Covered>, item: (t: T) => Item) => {
    const upTo = new Map<string, number>();
    for (const t of items) {
      const { device, key } = item(t);
      const c = own(covered, device);
      if (c && key <= c.last) upTo.set(device, (upTo.get(device) ?? 0) + 1);
    }
    const out: Record<string, Covered> = Object.create(null) as Record<string, Covered>;
    for (const [device, c] of Object.entries(covered)) {
      if (upTo.get(device) === c.count) out[device] = c;
    }
    return out;
  };
  const still = await db.transaction('r', ['commits', 'custody'], async () => ({
    changes: bornOut(
      (await db.commits.toArray()).flatMap((c) => c.sets),
      held.changes,
      changeItem,
    ),
    custody: bornOut(await db.custody.toArray(), held.custody, custodyItem),
  }));
  return joinCoverage(still, marker);
}

/** Both claims together: per device, the one reaching further. */
export function joinCoverage(a: HeldCoverage, b: HeldCoverage): HeldCoverage {
  const join = (x: Record<string, Covered>, y: Record<string, Covered>) => {
    const out = copy(x);
    for (const [device, c] of Object.entries(y)) {
      const d = own(out, device);
      if (!d || c.last > d.last || (c.last === d.last && c.count > d.count)) out[device] = c;
    }
    return out;
  };
  return { changes: join(a.changes, b.changes), custody: join(a.custody, b.custody) };
}

/**
 * Coverage after a bundle from the hub was applied: each device with items in the bundle whose
 * every held item is now either covered already or one the bundle brought is covered whole — so
 * what was pulled is not pushed back.
 */
export async function coverageAfterPull(
  db: DaftarDatabase,
  before: HeldCoverage,
  pulled: { changes: readonly ChangeSet[]; custody: readonly CustodyEntry[] },
): Promise<HeldCoverage> {
  const extend = <T>(
    held: T[],
    came: readonly T[],
    covered: Record<string, Covered>,
    item: (t: T) => Item,
  ) => {
    const cameKeys = new Set(came.map((t) => item(t).key));
    const devices = new Set(came.map((t) => item(t).device));
    const rest = held.filter((t) => !cameKeys.has(item(t).key));
    const lacking = new Set(notCovered(rest, covered, item).map((t) => item(t).device));
    const whole = coverageOf(
      held.filter((t) => devices.has(item(t).device)),
      item,
    );
    const out = copy(covered);
    for (const device of devices) {
      const all = own(whole, device);
      if (!lacking.has(device) && all) out[device] = all;
    }
    return out;
  };
  return db.transaction('r', ['commits', 'custody'], async () => ({
    changes: extend(
      (await db.commits.toArray()).flatMap((c) => c.sets),
      pulled.changes,
      before.changes,
      changeItem,
    ),
    custody: extend(await db.custody.toArray(), pulled.custody, before.custody, custodyItem),
  }));
}

/**
 * How many change sets wait for the hub, read cheaply for the status after a save: only the
 * commit rows written since the hub last held everything of `device` (the `last` index), so a
 * save in a profile of 100,000 records reads a few rows, not the whole history. Exact for what
 * `device` wrote since and for anything in those rows; an older change set of another device
 * that arrived out of order (say by USB) is counted by the next sync run's full check
 * (`pendingFor`), which the push uses. Null when the hub holds nothing of `device` yet (the
 * caller counts in full).
 */
export async function recentPendingFor(
  db: DaftarDatabase,
  onHub: HeldCoverage,
  device: string,
): Promise<number | null> {
  const mine = own(onHub.changes, device);
  if (!mine) return null;
  const rows = await db.commits.where('last').above(mine.last).toArray();
  let pending = 0;
  for (const set of rows.flatMap((row) => row.sets)) {
    const covered = own(onHub.changes, set.device);
    if (!covered || set.hlc > covered.last) pending++;
  }
  return pending;
}

/** How many change sets and custody entries the hub (or folder) is not known to hold. */
export async function pendingFor(
  db: DaftarDatabase,
  onHub: HeldCoverage,
): Promise<{ changes: number; custody: number }> {
  return db.transaction('r', ['commits', 'custody'], async () => ({
    changes: notCovered(
      (await db.commits.toArray()).flatMap((c) => c.sets),
      onHub.changes,
      changeItem,
    ).length,
    custody: notCovered(await db.custody.toArray(), onHub.custody, custodyItem).length,
  }));
}

/**
 * The change sets `held` does not cover, oldest clock first: the order a push split in parts
 * sends them (a part is those up to one clock: `notHeld` and `holdingCoverage` with `upTo`).
 */
export async function notHeldChanges(db: DaftarDatabase, held: HeldCoverage): Promise<ChangeSet[]> {
  const changes = (await db.commits.toArray()).flatMap((c) => c.sets);
  return notCovered(changes, held.changes, changeItem).sort((a, b) =>
    a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0,
  );
}
