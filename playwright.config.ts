import { defineConfig } from '@playwright/test';
import type { HostOptions } from './test/e2e/support/fixtures.ts';

const PORT = Number(process.env.DAFTAR_E2E_PORT ?? 5179);
export const baseURL = `http://127.0.0.1:${PORT}/`;

/**
 * End-to-end tests drive the built renderer as a person would. One suite, two projects: Debian
 * Chromium against the web build (always), and the real Electron app where its binary exists
 * (skipped with a printed reason where it does not).
 */
export default defineConfig<HostOptions>({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'dist/test-reports/e2e.json' }]],
  use: { baseURL, trace: 'retain-on-failure' },
  webServer: {
    command: 'node build/scripts/web.mjs',
    url: baseURL,
    env: { DAFTAR_PORT: String(PORT) },
    reuseExistingServer: false,
    stdout: 'ignore',
  },
  projects: [
    { name: 'chromium', use: { host: 'web' } },
    { name: 'electron', use: { host: 'electron' } },
  ],
});
