/**
 * What an in-band error frame carries to the client. On the wire:
 * - SSE: `event: error` with `data: {"message":"...","code":"..."}`;
 * - NDJSON: one line `{"$error":{"message":"...","code":"..."}}`.
 * `code` is optional and application-defined.
 */
export interface ErrorFrame {
  message: string
  code?: string
}

/** The key of the NDJSON error envelope: a line whose only key is this one is an error frame. */
export const NDJSON_ERROR_KEY = '$error'

/** The SSE event name of an error frame. */
export const SSE_ERROR_EVENT = 'error'

/** The message sent to clients when `onError` does not choose one: no stack, no raw message. */
export const DEFAULT_ERROR_MESSAGE = 'The stream failed on the server.'
