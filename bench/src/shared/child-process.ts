import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

/** The bench package's root: children run from there so `--import tsx` resolves. */
export const benchRoot = fileURLToPath(new URL('../..', import.meta.url))

/** A benchmark script running in its own Node process, talking over IPC. */
export interface BenchChild {
  readonly pid: number
  /** The next message of the given type (messages are `{ type, ... }` objects). */
  nextMessage<T extends { type: string }>(type: T['type']): Promise<T>
  /** Calls back on every message of a type, as it arrives (for timestamps that must not wait). */
  onMessage<T extends { type: string }>(type: T['type'], listener: (message: T) => void): void
  send(message: { type: string; [key: string]: unknown }): void
  stop(): Promise<void>
}

/**
 * Runs a TypeScript file of this package in a fresh Node process (so its memory and JIT state are its own), with
 * an IPC channel. `nodeArgs` go before the script, e.g. `--expose-gc`; `env` adds to this process's environment.
 */
export function spawnBenchChild(
  script: URL,
  args: string[] = [],
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): BenchChild {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', fileURLToPath(script), ...args],
    {
      cwd: benchRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const queued: { type: string }[] = []
  const waiting: {
    type: string
    resolve: (message: { type: string }) => void
    reject: (error: Error) => void
  }[] = []
  const listeners = new Map<string, ((message: { type: string }) => void)[]>()
  let exitError: Error | undefined
  child.on('message', (raw) => {
    const message = raw as { type: string }
    for (const listener of listeners.get(message.type) ?? []) listener(message)
    const index = waiting.findIndex((entry) => entry.type === message.type)
    const entry = index === -1 ? undefined : waiting.splice(index, 1)[0]
    if (entry) entry.resolve(message)
    else if (!listeners.has(message.type)) queued.push(message)
  })
  child.on('exit', (code, signal) => {
    exitError = new Error(`benchmark child ${script.pathname} exited (${code ?? signal})`)
    for (const entry of waiting.splice(0)) entry.reject(exitError)
  })
  return {
    pid: child.pid ?? -1,
    nextMessage<T extends { type: string }>(type: T['type']): Promise<T> {
      const index = queued.findIndex((message) => message.type === type)
      if (index !== -1) return Promise.resolve(queued.splice(index, 1)[0] as T)
      if (exitError) return Promise.reject(exitError)
      return new Promise<T>((resolve, reject) => {
        waiting.push({ type, resolve: resolve as (message: { type: string }) => void, reject })
      })
    },
    onMessage<T extends { type: string }>(type: T['type'], listener: (message: T) => void): void {
      const list = listeners.get(type) ?? []
      list.push(listener as (message: { type: string }) => void)
      listeners.set(type, list)
    },
    send(message) {
      child.send(message)
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** In a child: sends a message to the parent. */
export function sendToParent(message: { type: string; [key: string]: unknown }): void {
  process.send?.(message)
}

/** In a child: the next message of a type from the parent. */
export function messageFromParent<T extends { type: string }>(type: T['type']): Promise<T> {
  return new Promise((resolve) => {
    const listener = (raw: unknown) => {
      const message = raw as T
      if (message.type !== type) return
      process.off('message', listener)
      resolve(message)
    }
    process.on('message', listener)
  })
}
