import { defineConfig } from 'vitest/config'

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
  },
})
