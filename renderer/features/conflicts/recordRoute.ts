/** Where a record of any kind is edited: its editor, or the vocabulary for actors and places. */
import type { RecordKind } from '../../../shared/domain/records.ts';
import type { Route } from '../../state/route.ts';

export function recordRoute(kind: RecordKind, id: string): Route {
  switch (kind) {
    case 'incident':
      return { view: 'incident', id };
    case 'source':
      return { view: 'source', id };
    case 'link':
      // A link's id is `incidentId~sourceId`; it is edited from its incident.
      return { view: 'incident', id: id.split('~')[0] ?? id };
    case 'actor':
    case 'place':
      return { view: 'vocabulary' };
    case 'annotation':
      // An annotation is shown beside what it is about; its id alone does not say what that is.
      return { view: 'review' };
  }
}
