import { describe, expect, it } from 'vitest';
import { actorKeysOf, actorOverlap, keysOfActorName } from './actorKeys.ts';

const overlap = (a: string[], b: string[]) => actorOverlap(actorKeysOf(a), actorKeysOf(b));

describe('actor keys', () => {
  it('match a group named in full, by its acronym or by its initials', () => {
    const full = keysOfActorName('Islamic State Khorasan Province (ISKP)');
    expect(full).toEqual(
      expect.arrayContaining([
        'islamic state khorasan province',
        'iskp',
        'islamic state khorasan province iskp',
      ]),
    );
    expect(keysOfActorName('ISKP')).toContain('iskp');
    expect(keysOfActorName('I.S.K.P.')).toContain('iskp');
    expect(overlap(['National Resistance Front (NRF)'], ['NRF'])!.jaccard).toBe(1);
    expect(overlap(['National Resistance Front'], ['N.R.F.'])!.jaccard).toBe(1);
  });

  it('drop a qualifier in brackets but never treat it as the actor', () => {
    expect(overlap(['Civilians (Afghanistan)'], ['Civilians'])!.jaccard).toBe(1);
    expect(keysOfActorName('Military Forces of Afghanistan (2021-)')).not.toContain('2021');
    // The qualifier alone names nobody: two groups "of Afghanistan" are not one actor.
    expect(overlap(['Civilians (Afghanistan)'], ['Protesters (Afghanistan)'])!.jaccard).toBe(0);
  });

  it('match names typed with Arabic or Persian letters, marks or not', () => {
    expect(overlap(['طالبان', 'داعش خراسان'], ['داعش خراسان', 'طالبان'])!.jaccard).toBe(1);
    expect(overlap(['علي كريمي'], ['علی کریمی'])!.jaccard).toBe(1);
    expect(overlap(['مُحَمَّد'], ['محمد'])!.jaccard).toBe(1);
  });

  it('give no initials to a name of two words (people would collide)', () => {
    expect(keysOfActorName('Zahra Rahimi')).not.toContain('zr');
    expect(overlap(['Zahra Rahimi'], ['Zalmai Rasuli'])!.jaccard).toBe(0);
  });
});

describe('actor overlap', () => {
  it('is the Jaccard index of the actors, each actor counted once whatever its roles', () => {
    // ISKP as perpetrator and as claimant is one actor.
    const a = ['Islamic State Khorasan Province (ISKP)', 'Civilians (Afghanistan)', 'ISKP'];
    const b = ['ISKP', 'Taliban'];
    expect(overlap(a, b)).toEqual({
      shared: ['Islamic State Khorasan Province (ISKP)'],
      jaccard: 1 / 3,
    });
    expect(overlap(a, [])).toBeNull();
    expect(overlap([' '], b)).toBeNull();
  });
});
