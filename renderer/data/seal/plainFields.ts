/**
 * What each table keeps readable on disk in a sealed profile: the primary key and the fields its
 * queries need indexes on — ids, dates, clocks, vocabulary codes, counts. Everything else in a
 * row (titles, notes, names, places, source text, URLs, attachments, history values, settings)
 * is sealed. A field not listed here is sealed, so a new field is private unless someone decides
 * otherwise; an index on a sealed field stays empty (the schema test names every such index).
 */
export const PLAIN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  incidents: [
    'id',
    'dateStart',
    'updated',
    'eventType',
    'status',
    '_fatalities',
    '_owner',
    '_review',
    'externalId',
  ],
  sources: ['id', 'updated', 'kind', '_publishedAt', '_reliability', '_owner', '_review'],
  links: ['id', 'incidentId', 'sourceId'],
  actors: ['id', 'updated'],
  places: ['id', 'updated'],
  annotations: ['id', 'updated', '_target', '_root', '_open', 'targetOwner', '_owner'],
  commits: ['hlc', 'last', 'records', 'clocks'],
  attachments: ['sha256'],
  custody: ['id', 'sourceId'],
  settings: ['key'],
  conflicts: ['id', 'record'],
  teammates: ['device'],
  bundleLog: ['id', 'importedAt'],
};

/**
 * Indexes deliberately left empty in a sealed profile, and why. Tags are free text a person
 * types — a name or a place as often as a theme — and are filtered by the in-memory find engine,
 * never through this index.
 */
export const SEALED_INDEXES: Readonly<Record<string, readonly string[]>> = {
  incidents: ['tags'],
};
