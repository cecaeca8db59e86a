// Packs a workspace package the way `pnpm publish` would (workspace: ranges rewritten), so every check runs
// on exactly what users will download.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The command that runs pnpm here: `pnpm` when it is on PATH (always inside `pnpm run` / turbo), else the
 * pinned version through npx, as the README's commands do.
 * @returns {{ command: string, prefix: string[] }}
 */
export function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' })
  if (probe.status === 0) return { command: 'pnpm', prefix: [] }
  return { command: 'npx', prefix: ['--yes', 'pnpm@10.34.9'] }
}

/**
 * Runs a command, throwing with its output when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeout?: number }} options
 * @returns {string} stdout
 */
export function run(command, args, { cwd, env = process.env, timeout = 600_000 }) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-60).join('\n')
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${cwd} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}):\n${output}`,
    )
  }
  return result.stdout
}

/**
 * `pnpm pack` of one package into a directory (a fresh temp dir by default).
 * @param {string} packageDir
 * @param {string} [destination]
 * @returns {{ name: string, version: string, tarball: string, files: string[] }}
 */
export function packPackage(packageDir, destination = mkdtempSync(join(tmpdir(), 'streamkit-pack-'))) {
  const { command, prefix } = pnpmCommand()
  const stdout = run(command, [...prefix, 'pack', '--pack-destination', destination, '--json'], {
    cwd: packageDir,
  })
  /** @type {{ name: string, version: string, filename: string, files: { path: string }[] }} */
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')))
  return {
    name: report.name,
    version: report.version,
    tarball: report.filename,
    files: report.files.map((file) => file.path),
  }
}
