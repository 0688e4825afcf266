/**
 * Built-in vocabularies: ACLED's event taxonomy (6 types, 25 sub-types), the admiralty scale,
 * ACLED's time and geo precision codes, source kinds, actor roles and verification statuses.
 *
 * Values are stable codes stored in records and bundles; labels come from i18n (`vocab.*` keys),
 * so renaming a label never changes data. Event types are extensible: a record may carry a type
 * that is not built in, and only built-in types constrain their sub-types.
 */

export const ACLED_EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const satisfies Record<string, readonly string[]>;

export type AcledEventType = keyof typeof ACLED_EVENT_TYPES;

export const acledEventTypes = Object.keys(ACLED_EVENT_TYPES) as AcledEventType[];

export function isAcledEventType(value: string): value is AcledEventType {
  return Object.hasOwn(ACLED_EVENT_TYPES, value);
}

/** Sub-types offered for an event type; empty for a custom (non-ACLED) type. */
export function subEventTypesOf(eventType: string): readonly string[] {
  return isAcledEventType(eventType) ? ACLED_EVENT_TYPES[eventType] : [];
}

/** ACLED time_precision: 1 = the day is known, 2 = the week, 3 = only the month (or coarser). */
export const TIME_PRECISIONS = [1, 2, 3] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

/** ACLED geo_precision: 1 = exact place, 2 = near it, 3 = only the region (district/province). */
export const GEO_PRECISIONS = [1, 2, 3] as const;
export type GeoPrecision = (typeof GEO_PRECISIONS)[number];

export const ACTOR_ROLES = ['actor1', 'actor2', 'associated', 'claimedBy', 'deniedBy'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * Verification: a record is drafted, submitted for review, then verified, disputed or rejected.
 * Each step is an ordinary change of the `status` field with a `statusReason`, so its author,
 * device and time are in the history and it travels and merges like any edit.
 */
export const REVIEW_STATUSES = ['draft', 'submitted', 'verified', 'disputed', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * Every status a stored or exchanged record may carry: the review statuses and `unverified`,
 * which incidents had before review existed (history is never rewritten, so it stays valid and
 * is treated as `submitted`).
 */
export const RECORD_STATUSES = [...REVIEW_STATUSES, 'unverified'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export function reviewStatusOf(status: RecordStatus): ReviewStatus {
  return status === 'unverified' ? 'submitted' : status;
}

/** Where a record may go from each status (a reviewer can also send it back). */
export const STATUS_STEPS: Readonly<Record<ReviewStatus, readonly ReviewStatus[]>> = {
  draft: ['submitted'],
  submitted: ['verified', 'disputed', 'rejected', 'draft'],
  verified: ['disputed', 'submitted'],
  disputed: ['verified', 'rejected', 'submitted'],
  rejected: ['submitted'],
};

/** The steps a reviewer must give a reason for (submitting or withdrawing may go without). */
export const STATUS_NEEDS_REASON: readonly ReviewStatus[] = ['verified', 'disputed', 'rejected'];

export const SOURCE_KINDS = [
  'newsArticle',
  'report',
  'officialStatement',
  'socialMediaPost',
  'witnessInterview',
  'document',
  'image',
  'video',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Admiralty scale: reliability of the source (A completely reliable … F cannot be judged). */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY_GRADES)[number];

/** Admiralty scale: credibility of the information (1 confirmed … 6 cannot be judged). */
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITY_GRADES)[number];

/** The incident fields a linked source can be said to support. */
export const SUPPORTABLE_FIELDS = [
  'date',
  'location',
  'eventType',
  'actors',
  'fatalities',
  'injured',
  'narrative',
] as const;
export type SupportableField = (typeof SUPPORTABLE_FIELDS)[number];

export const PROFILE_ROLES = ['researcher', 'analyst', 'reviewer'] as const;
export type ProfileRole = (typeof PROFILE_ROLES)[number];

/** Languages offered for sources; free BCP 47 tags are accepted too. */
export const COMMON_SOURCE_LANGUAGES = ['en', 'fa', 'ps', 'ar', 'ur', 'ru', 'uz', 'tg'] as const;
