/**
 * Runs `next start` for the app in `cwd` (its production build must exist) on a free 127.0.0.1 port, with `env`
 * added to the environment, and resolves once it answers `readyPath` (default `/`). `stop()` ends its process
 * group; it is also killed if the test process exits first.
 */
export declare function startNextServer(options: {
  cwd: string
  env?: Record<string, string>
  readyPath?: string
  timeoutMs?: number
}): Promise<{ url: string; port: number; output: () => string; stop: () => Promise<void> }>
