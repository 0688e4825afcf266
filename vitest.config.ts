import { defineConfig } from 'vitest/config';

/** Unit tests beside their sources, one project per runtime. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          environment: 'node',
          include: ['shared/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'electron',
          environment: 'node',
          include: ['electron/**/*.test.ts', 'build/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'node',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          setupFiles: ['test/helpers/fakeIndexedDb.ts'],
        },
      },
    ],
  },
});
