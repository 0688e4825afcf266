/**
 * The Electron app's guards, in the real app: every window isolated and sandboxed with no Node and
 * no `<webview>`, and a page that cannot leave the app — no navigation away, no new window (by
 * script, link or middle-click), no permission granted. Electron project only; where its binary is
 * missing the fixture skips and prints why. The same guards are unit-tested with fakes in
 * electron/main/main.test.ts.
 */
import type { ElectronApplication, Page } from '@playwright/test';
import { electronAppOf, expect, test, onlyInHost } from './support/fixtures.ts';

onlyInHost(
  'electron',
  'BrowserWindow preferences and main-process guards exist only in the Electron app',
);

/** A local address: if a guard failed, the offsite-request check would not hide it as noise. */
const AWAY = 'http://127.0.0.1:9/';

function electronOf(page: Page): ElectronApplication {
  const electronApp = electronAppOf(page);
  if (!electronApp) throw new Error('The Electron project opened no Electron app.');
  return electronApp;
}

/** Windows the main process has, and their pages' URLs. */
async function windows(electronApp: ElectronApplication) {
  return electronApp.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()),
  );
}

test.describe('hardening', () => {
  test('every window is isolated and sandboxed, without Node or webview', async ({ app }) => {
    const electronApp = electronOf(app);
    const preferences = await electronApp.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => {
        // Undocumented but long-lived; where a future Electron drops it, the page checks below
        // still run.
        const contents = w.webContents as typeof w.webContents & {
          getLastWebPreferences?: () => Record<string, unknown> | null;
        };
        return contents.getLastWebPreferences?.() ?? null;
      }),
    );
    expect(preferences.length).toBeGreaterThan(0);
    for (const prefs of preferences) {
      if (prefs === null) {
        test.info().annotations.push({
          type: 'note',
          description: 'webContents.getLastWebPreferences() is not available in this Electron',
        });
        continue;
      }
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        webviewTag: false,
      });
      expect(String(prefs.disableBlinkFeatures)).toContain('Auxclick');
    }

    for (const page of electronApp.windows()) {
      const seen = await page.evaluate(() => ({
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        module: typeof (globalThis as Record<string, unknown>).module,
        webview: document.createElement('webview') instanceof HTMLUnknownElement,
        url: location.href,
      }));
      expect(seen).toEqual({
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
        webview: true,
        url: expect.stringMatching(/^daftar:\/\/app\//),
      });
    }
  });

  test('window.open, target=_blank links and middle-clicks open no window', async ({ app }) => {
    const electronApp = electronOf(app);
    const before = await windows(electronApp);
    const opened = await app.evaluate((away) => {
      const results = [
        window.open(away, '_blank'),
        window.open('daftar://app/index.html', '_blank'),
        window.open('file:///etc/passwd'),
        window.open('about:blank'),
      ];
      return results.map((result) => result === null);
    }, AWAY);
    expect(opened).toEqual([true, true, true, true]);

    await app.evaluate((away) => {
      const link = document.createElement('a');
      link.href = away;
      link.target = '_blank';
      link.textContent = 'hardening test link';
      link.id = 'hardening-test-link';
      link.style.cssText = 'position:fixed;top:0;left:0;z-index:99999;padding:8px;background:#fff';
      document.body.append(link);
    }, AWAY);
    const link = app.locator('#hardening-test-link');
    await link.click();
    await link.click({ button: 'middle' });
    await link.click({ modifiers: ['ControlOrMeta'] });
    await link.click({ modifiers: ['Shift'] });
    await app.waitForTimeout(500);
    expect(await windows(electronApp)).toEqual(before);
    expect(app.url()).toMatch(/^daftar:\/\/app\//);
  });

  test('the page cannot navigate away from the app', async ({ app }) => {
    const start = app.url();
    for (const target of [AWAY, 'file:///etc/passwd', 'daftar://evil/index.html']) {
      await app.evaluate((url) => {
        location.href = url;
      }, target);
      await app.waitForTimeout(300);
      expect(app.url(), target).toBe(start);
    }
  });

  test('every permission is denied', async ({ app }) => {
    const states = await app.evaluate(async () => {
      const names = ['geolocation', 'notifications', 'camera', 'microphone', 'midi'];
      const queried: Record<string, string> = {};
      for (const name of names) {
        try {
          const status = await navigator.permissions.query({ name: name as PermissionName });
          queried[name] = status.state;
        } catch {
          queried[name] = 'unsupported';
        }
      }
      queried.requestNotifications = await Notification.requestPermission();
      return queried;
    });
    for (const [name, state] of Object.entries(states)) {
      expect(['denied', 'unsupported'], name).toContain(state);
    }
  });
});
