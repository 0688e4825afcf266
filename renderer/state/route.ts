/** Views and their URL hashes: a reload, or the back button, comes back to the same view. */

export type Route =
  | { view: 'incidents' }
  | { view: 'incident'; id: string | null }
  /** An incident's printable dossier (docs/dossier.md). */
  | { view: 'dossier'; id: string }
  | { view: 'sources' }
  | { view: 'source'; id: string | null }
  | { view: 'vocabulary' }
  | { view: 'exchange' }
  | { view: 'conflicts' }
  | { view: 'review' }
  | { view: 'map' }
  /** The search's best matches among incidents, sources and review notes. */
  | { view: 'search' }
  /** Possible duplicate incidents, reviewed side by side and merged. */
  | { view: 'duplicates' }
  /** Importing datasets (ACLED, CSV, GeoJSON, KML) and exporting them. */
  | { view: 'interchange' }
  /** Team sync: joining or setting up a team, inviting, the sync's state (docs/team-sync.md). */
  | { view: 'team' }
  | { view: 'settings' };

export function parseRoute(hash: string): Route {
  const [section, id, sub] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (section) {
    case 'sources':
      return id === undefined
        ? { view: 'sources' }
        : { view: 'source', id: id === 'new' ? null : id };
    case 'settings':
      return { view: 'settings' };
    case 'vocabulary':
      return { view: 'vocabulary' };
    case 'exchange':
      return { view: 'exchange' };
    case 'conflicts':
      return { view: 'conflicts' };
    case 'review':
      return { view: 'review' };
    case 'map':
      return { view: 'map' };
    case 'duplicates':
      return { view: 'duplicates' };
    case 'search':
      return { view: 'search' };
    case 'interchange':
      return { view: 'interchange' };
    case 'team':
      return { view: 'team' };
    case 'incidents':
      if (id !== undefined && id !== 'new' && sub === 'dossier') return { view: 'dossier', id };
      if (id !== undefined) return { view: 'incident', id: id === 'new' ? null : id };
      return { view: 'incidents' };
    default:
      return { view: 'incidents' };
  }
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'incidents':
      return '#/incidents';
    case 'incident':
      return `#/incidents/${route.id === null ? 'new' : encodeURIComponent(route.id)}`;
    case 'dossier':
      return `#/incidents/${encodeURIComponent(route.id)}/dossier`;
    case 'sources':
      return '#/sources';
    case 'source':
      return `#/sources/${route.id === null ? 'new' : encodeURIComponent(route.id)}`;
    case 'vocabulary':
      return '#/vocabulary';
    case 'exchange':
      return '#/exchange';
    case 'conflicts':
      return '#/conflicts';
    case 'review':
      return '#/review';
    case 'map':
      return '#/map';
    case 'duplicates':
      return '#/duplicates';
    case 'team':
      return '#/team';
    case 'search':
      return '#/search';
    case 'interchange':
      return '#/interchange';
    case 'settings':
      return '#/settings';
  }
}
