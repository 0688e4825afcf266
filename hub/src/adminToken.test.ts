import { afterEach, describe, expect, it } from 'vitest';
import { ensureAdminToken, rotateAdminToken } from './adminToken.ts';
import { identify } from './auth.ts';
import { openSqliteStore } from './store/sqliteStore.ts';
import { tempDir } from '../test/hubHarness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('the admin token', () => {
  it('is created once, survives a restart, and stops working when rotated', async () => {
    const dir = await tempDir();
    const store = openSqliteStore(dir.path);
    cleanups.push(dir.remove, () => store.close());
    const first = await ensureAdminToken(store);
    expect(first).toMatch(/^dft_[A-Za-z0-9_-]{43}$/);
    expect(await ensureAdminToken(store)).toBeNull();
    await store.close();
    const reopened = openSqliteStore(dir.path);
    cleanups.push(() => reopened.close());
    expect(await ensureAdminToken(reopened)).toBeNull();
    expect(await identify(reopened, `Bearer ${first}`)).toEqual({ kind: 'admin' });
    const second = await rotateAdminToken(reopened);
    expect(second).not.toBe(first);
    expect(await identify(reopened, `Bearer ${first}`)).toEqual({ kind: 'unknown' });
    expect(await identify(reopened, `Bearer ${second}`)).toEqual({ kind: 'admin' });
    expect(await identify(reopened, `Basic ${second}`)).toEqual({ kind: 'unknown' });
    expect(await identify(reopened, undefined)).toEqual({ kind: 'anonymous' });
  });
});
