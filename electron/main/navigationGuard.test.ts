import { describe, expect, it, vi } from 'vitest';
import {
  createWindowOpenHandler,
  guardNavigation,
  isAppUrl,
  refuseWebview,
} from './navigationGuard.ts';

function navigation(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('guardNavigation', () => {
  it.each(['daftar://app/index.html', 'daftar://app/', 'daftar://app/index.html#/sources'])(
    'lets the app navigate to %s',
    (url) => {
      const event = navigation(url);
      guardNavigation(event);
      expect(event.preventDefault).not.toHaveBeenCalled();
    },
  );

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'daftar://evil/index.html',
    'daftar://app.evil/index.html',
    'daftar://user@app/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    '',
  ])('blocks navigation to %j', (url) => {
    const event = navigation(url);
    guardNavigation(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('recognises app URLs', () => {
    expect(isAppUrl('daftar://app/x')).toBe(true);
    expect(isAppUrl('daftar://app:1/x')).toBe(false);
  });
});

describe('createWindowOpenHandler', () => {
  it.each(['https://example.org/report', 'https://acleddata.com/'])(
    'denies the window and opens %s in the system browser',
    (url) => {
      const openExternal = vi.fn(() => Promise.resolve());
      expect(createWindowOpenHandler(openExternal)({ url })).toEqual({ action: 'deny' });
      expect(openExternal).toHaveBeenCalledExactlyOnceWith(url);
    },
  );

  it.each([
    'daftar://app/index.html',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://user:secret@example.org/',
    'smb://server/share',
    'about:blank',
    'http://example.org/',
    'mailto:desk@example.org',
  ])('denies %s and opens nothing', (url) => {
    const openExternal = vi.fn(() => Promise.resolve());
    expect(createWindowOpenHandler(openExternal)({ url })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('swallows a failure of the system browser', async () => {
    const openExternal = vi.fn(() => Promise.reject(new Error('no browser')));
    expect(createWindowOpenHandler(openExternal)({ url: 'https://example.org/' })).toEqual({
      action: 'deny',
    });
    await Promise.resolve();
    expect(openExternal).toHaveBeenCalled();
  });
});

describe('refuseWebview', () => {
  it('prevents every webview from attaching', () => {
    const event = { preventDefault: vi.fn() };
    refuseWebview(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
