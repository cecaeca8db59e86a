import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
