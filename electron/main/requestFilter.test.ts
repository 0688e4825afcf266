import { describe, expect, it, vi } from 'vitest';
import { createRequestFilter, isRequestAllowed, originOf } from './requestFilter.ts';

const HUB = 'https://hub.example.org';

describe('isRequestAllowed', () => {
  it.each([
    'daftar://app/index.html',
    'daftar://app/assets/app.js?v=1',
    'blob:daftar://app/4f1c2a9e-5b7d-4e0e-9a43-0c2f6d8b1e77',
    'data:image/png;base64,iVBORw0KGgo=',
    'data:application/json,{}',
    'devtools://devtools/bundled/devtools_app.html',
  ])('lets %s through', (url) => {
    expect(isRequestAllowed(url, [])).toBe(true);
  });

  it.each([
    'https://tile.openstreetmap.org/1/0/0.png',
    'http://example.com/',
    'http://127.0.0.1:5173/',
    'http://localhost/',
    'ws://127.0.0.1:8080/socket',
    'wss://example.com/socket',
    'file:///etc/passwd',
    'file:///C:/Users/researcher/notes.txt',
    'ftp://example.com/x',
    'chrome://gpu',
    'daftar://other/index.html',
    'daftar://user@app/index.html',
    'https://hub.example.org/api',
    'not a url',
    '',
  ])('cancels %s', (url) => {
    expect(isRequestAllowed(url, [])).toBe(false);
  });

  it('admits exactly the configured origins', () => {
    expect(isRequestAllowed('https://hub.example.org/bundles/1', [HUB])).toBe(true);
    expect(isRequestAllowed('https://HUB.example.org:443/x', [HUB])).toBe(true);
    expect(isRequestAllowed('http://hub.example.org/x', [HUB])).toBe(false);
    expect(isRequestAllowed('https://hub.example.org:8443/x', [HUB])).toBe(false);
    expect(isRequestAllowed('https://hub.example.org.evil.net/x', [HUB])).toBe(false);
    expect(isRequestAllowed('https://evil.net/?https://hub.example.org', [HUB])).toBe(false);
    expect(isRequestAllowed('https://user:pw@hub.example.org/x', [HUB])).toBe(false);
  });

  it('computes origins', () => {
    expect(originOf('HTTPS://Hub.Example.org:8443/a?b')).toBe('https://hub.example.org:8443');
    expect(originOf('data:text/plain,hi')).toBeUndefined();
    expect(originOf('nonsense')).toBeUndefined();
  });
});

describe('createRequestFilter', () => {
  it('cancels blocked requests, reports them, and passes allowed ones', () => {
    const blocked = vi.fn();
    const filter = createRequestFilter(() => [], blocked);
    const callback = vi.fn();
    filter({ url: 'https://example.com/track.gif' }, callback);
    filter({ url: 'daftar://app/index.html' }, callback);
    expect(callback.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);
    expect(blocked).toHaveBeenCalledExactlyOnceWith('https://example.com/track.gif');
  });

  it('reads the allowed origins on every request (they can change at run time)', () => {
    let origins: string[] = [];
    const filter = createRequestFilter(() => origins);
    const callback = vi.fn();
    filter({ url: `${HUB}/x` }, callback);
    origins = [HUB];
    filter({ url: `${HUB}/x` }, callback);
    expect(callback.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);
  });
});
