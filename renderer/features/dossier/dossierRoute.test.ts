import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../state/route.ts';

describe('the dossier route', () => {
  it('lives under its incident and survives a reload', () => {
    const route = { view: 'dossier', id: 'a b/c' } as const;
    expect(routeHash(route)).toBe('#/incidents/a%20b%2Fc/dossier');
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('leaves the incident routes as they were', () => {
    expect(parseRoute('#/incidents/x')).toEqual({ view: 'incident', id: 'x' });
    expect(parseRoute('#/incidents/new')).toEqual({ view: 'incident', id: null });
    expect(parseRoute('#/incidents/new/dossier')).toEqual({ view: 'incident', id: null });
    expect(parseRoute('#/incidents/x/other')).toEqual({ view: 'incident', id: 'x' });
  });
});
