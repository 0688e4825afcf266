import { defineConfig } from 'vitest/config';

/** Unit tests beside their sources, one project per runtime. */
export default defineConfig({
  test: {
    // Property tests do real work; CI machines are slow and may be busy.
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'test/bench/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'electron',
          environment: 'node',
          include: ['electron/**/*.test.ts', 'build/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'hub',
          environment: 'node',
          include: ['hub/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'node',
          include: [
            'renderer/**/*.test.ts',
            'renderer/**/*.test.tsx',
            'test/integration/**/*.test.ts',
          ],
          setupFiles: ['test/helpers/fakeIndexedDb.ts'],
        },
      },
    ],
  },
});
