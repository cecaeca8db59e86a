export type { StreamSource, ToReadableStreamOptions } from './source'
export { toReadableStream } from './source'
