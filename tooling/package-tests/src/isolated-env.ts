// Child processes that stand for "a user's own shell" (npm install in the scratch app, pnpm in the template
// clone) must not inherit what pnpm, turbo and vitest set for this run: npm_config_* (pnpm's settings),
// NODE_ENV=test (npm would skip devDependencies under production, Next warns under test), VITEST, ...

const INHERITED_BY_RUNNERS = /^(npm_|pnpm_|turbo_|vitest|node_env$|node_options$|init_cwd$)/i
const USER_SETTINGS = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig'])

/**
 * The current environment minus the variables the test runners added, plus `extra`.
 * @example
 * spawnSync('npm', ['install'], { env: isolatedEnv({ NODE_ENV: 'production' }) })
 */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (INHERITED_BY_RUNNERS.test(key) && !USER_SETTINGS.has(key)) continue
    env[key] = value
  }
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1', ...extra }
}
