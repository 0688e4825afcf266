import { describe, expect, it, vi } from 'vitest';
import { createWebPlatform } from './webPlatform.ts';

describe('createWebPlatform', () => {
  it('has no host key: the data layer signs with its own', async () => {
    await expect(createWebPlatform('0.1.0').deviceSigner()).resolves.toBeNull();
  });

  it('offers subscriptions that never fire and unsubscribe cleanly', () => {
    const platform = createWebPlatform('0.1.0');
    const listener = vi.fn();
    const stopBundles = platform.onOpenBundle(listener);
    const stopMenu = platform.onMenuCommand(listener);
    expect(() => {
      stopBundles();
      stopMenu();
    }).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
  });

  it('offers no keychain unlock, and keeps nothing outside the page to wipe', async () => {
    const platform = createWebPlatform('0.1.0');
    expect(platform.keychain).toBeNull();
    await expect(platform.wipeHost()).resolves.toBeUndefined();
  });

  it('leaves PDFs to the browser’s print dialog', () => {
    expect(createWebPlatform('0.1.0').printToPdf).toBeNull();
  });

  it('refuses links other than https before opening anything', async () => {
    await expect(createWebPlatform('0.1.0').openExternal('javascript:alert(1)')).rejects.toThrow(
      'Refused to open javascript:alert(1)',
    );
  });
});
