import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The suites install from the npm registry, run `next build` and `pnpm install`: minutes, not seconds.
    testTimeout: 120_000,
    hookTimeout: 900_000,
    // One heavy suite at a time: the machine is shared with the rest of the turbo run.
    fileParallelism: false,
  },
})
