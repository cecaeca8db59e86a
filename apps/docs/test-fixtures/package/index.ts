// A package entry in the shapes the real index files use, for lib/api-coverage.test.ts.

export * from './more'
export type { Shape } from './shape'
export { area, UNIT } from './shape'
