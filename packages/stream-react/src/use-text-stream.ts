'use client'

import type { StreamSessionBaseOptions } from '@streamkit/stream-core'
import { useMemo } from 'react'
import { type StreamHookOptions, type UseStreamResult, useStream } from './use-stream'

/**
 * Options of {@link useTextStream}: the request (method, headers, body, fetch, credentials), callbacks
 * (`onChunk` sees every text delta, `onFinish`, `onError`), `throttleMs` and `autoStart`.
 * @example
 * const options: UseTextStreamOptions = { body: { prompt: 'Hi' }, onFinish: (text) => save(text) }
 */
export type UseTextStreamOptions = Omit<
  StreamSessionBaseOptions<'text', string, string>,
  'format' | 'url' | 'reconnect'
> &
  StreamHookOptions

/**
 * What {@link useTextStream} returns: the text so far, the status, the error and the controls.
 * @example
 * const { text, status }: UseTextStreamResult = useTextStream('/api/story')
 */
export interface UseTextStreamResult
  extends Omit<UseStreamResult<string>, 'value' | 'lastEventId' | 'retries'> {
  /** The text received so far (exact once `status` is `'done'`); multi-byte characters are never split. */
  text: string
}

/**
 * Streams a plain-text response (e.g. `streamResponse(source, { format: 'text' })`) into a string, rendered at
 * most once per animation frame.
 * @example
 * function Story() {
 *   const { text, status, error, start, stop } = useTextStream('/api/story')
 *   return (
 *     <>
 *       <button onClick={() => start({ body: { topic: 'otters' } })}>Write</button>
 *       <button onClick={stop} disabled={status !== 'streaming'}>Stop</button>
 *       <pre>{text}</pre>
 *       {error && <p role="alert">{error.message}</p>}
 *     </>
 *   )
 * }
 */
export function useTextStream(url: string | URL, options: UseTextStreamOptions = {}): UseTextStreamResult {
  const { value, status, error, start, stop, reset } = useStream<'text'>({ ...options, url, format: 'text' })
  return useMemo(
    () => ({ text: value, status, error, start, stop, reset }),
    [value, status, error, start, stop, reset],
  )
}
