'use client'

import { useTextStream } from '@streamkit/stream-react'
import { useId, useRef, useState } from 'react'
import { INSPECTOR_ENDPOINTS } from './endpoints'
import { Timeline } from './timeline'

export interface ChunkArrival {
  /** ms since the request started */
  at: number
  /** UTF-8 bytes of the chunk */
  bytes: number
  preview: string
}

const encoder = new TextEncoder()

export function Inspector() {
  const selectId = useId()
  const [endpointId, setEndpointId] = useState<string>(INSPECTOR_ENDPOINTS[0].id)
  const endpoint =
    INSPECTOR_ENDPOINTS.find((candidate) => candidate.id === endpointId) ?? INSPECTOR_ENDPOINTS[0]
  const startedAt = useRef(0)
  const [chunks, setChunks] = useState<ChunkArrival[]>([])
  const { status, error, start, stop } = useTextStream(endpoint.url, {
    onChunk: (chunk: string) => {
      const at = performance.now() - startedAt.current
      setChunks((previous) => [...previous, { at, bytes: encoder.encode(chunk).byteLength, preview: chunk }])
    },
  })
  const busy = status === 'connecting' || status === 'streaming'

  function inspect() {
    setChunks([])
    startedAt.current = performance.now()
    void start({ url: endpoint.url, ...('body' in endpoint ? { body: endpoint.body } : {}) })
  }

  const firstByte = chunks[0]?.at
  const gaps = chunks.slice(1).map((chunk, index) => chunk.at - (chunks[index]?.at ?? 0))
  const totalBytes = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0)

  return (
    <section className="panel" aria-label="Inspector">
      <div className="row">
        <label htmlFor={selectId}>Endpoint</label>
        <select
          id={selectId}
          value={endpointId}
          onChange={(event) => setEndpointId(event.target.value)}
          disabled={busy}
        >
          {INSPECTOR_ENDPOINTS.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={inspect} disabled={busy}>
          Inspect
        </button>
        <button type="button" className="secondary" onClick={stop} disabled={!busy}>
          Stop
        </button>
        <span className="status" data-status={status} data-testid="inspector-status" role="status">
          {status}
        </span>
      </div>

      <dl className="stats">
        <div>
          <dt>Time to first byte</dt>
          <dd data-testid="inspector-ttfb">
            {firstByte === undefined ? '–' : `${Math.round(firstByte)} ms`}
          </dd>
        </div>
        <div>
          <dt>Chunks</dt>
          <dd data-testid="inspector-count">{chunks.length}</dd>
        </div>
        <div>
          <dt>Bytes</dt>
          <dd>{totalBytes}</dd>
        </div>
        <div>
          <dt>Largest gap</dt>
          <dd>{gaps.length === 0 ? '–' : `${Math.round(Math.max(...gaps))} ms`}</dd>
        </div>
      </dl>

      <Timeline chunks={chunks} />

      {error ? (
        <p role="alert" className="error">
          {error.message}
        </p>
      ) : null}

      <table>
        <caption className="visually-hidden">Chunks in the order they arrived</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Arrived</th>
            <th scope="col">Gap</th>
            <th scope="col">Bytes</th>
            <th scope="col">Starts with</th>
          </tr>
        </thead>
        <tbody>
          {chunks.map((chunk, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: chunks are append-only, the index is their identity
            <tr key={index}>
              <td>{index + 1}</td>
              <td>{Math.round(chunk.at)} ms</td>
              <td>{index === 0 ? '–' : `${Math.round(chunk.at - (chunks[index - 1]?.at ?? 0))} ms`}</td>
              <td>{chunk.bytes}</td>
              <td>
                <code>{visibleWhitespace(chunk.preview.slice(0, 48))}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** Shows line breaks and blank chunks, which matter when reading a wire format. */
function visibleWhitespace(text: string): string {
  return text === '' ? '(empty)' : text.replace(/\r/g, '\\r').replace(/\n/g, '\\n')
}
