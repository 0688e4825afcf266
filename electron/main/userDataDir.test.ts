import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userDataOverride } from './userDataDir.ts';

describe('userDataOverride', () => {
  const cwd = path.resolve('/work/app');

  it('uses DAFTAR_USER_DATA_DIR, made absolute', () => {
    const absolute = path.resolve('/tmp/profile-1');
    expect(userDataOverride({ DAFTAR_USER_DATA_DIR: absolute }, cwd)).toBe(absolute);
    expect(userDataOverride({ DAFTAR_USER_DATA_DIR: 'profiles/p2' }, cwd)).toBe(
      path.join(cwd, 'profiles', 'p2'),
    );
  });

  it('keeps the default when unset or blank', () => {
    expect(userDataOverride({}, cwd)).toBeUndefined();
    expect(userDataOverride({ DAFTAR_USER_DATA_DIR: '  ' }, cwd)).toBeUndefined();
  });
});
