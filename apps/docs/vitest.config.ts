import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    include: ['lib/**/*.test.ts'],
    environment: 'node',
    // The API coverage test builds a TypeScript program over both packages: slow on a busy machine.
    testTimeout: 60_000,
  },
})
