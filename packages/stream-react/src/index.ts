export { useTextStream } from './use-text-stream'
