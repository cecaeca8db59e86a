// A copy of this repository as someone cloning the template gets it: the files git tracks plus new files
// not yet committed (so the test sees the working tree, not only HEAD), without installs or build outputs.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { run } from './pack.js'

/** Copies the working tree's git-visible files into a fresh temp folder and makes it a git repository. */
export function cloneWorkingTree(workspaceRoot: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'streamkit-template-'))
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: workspaceRoot,
  })
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = join(workspaceRoot, file)
    const to = join(dir, file)
    mkdirSync(dirname(to), { recursive: true })
    try {
      cpSync(from, to)
    } catch (error) {
      // A tracked file deleted in the working tree is not part of what a clone would get after a commit.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  const git = (...args: string[]) => run('git', args, { cwd: dir })
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('-c', 'user.name=template', '-c', 'user.email=template@example.invalid', 'commit', '-q', '-m', 'clone')
  return dir
}

/** Tracked text files in `dir` that contain `needle`, as `path:line:text` rows. */
export function grepTracked(dir: string, needle: string): string[] {
  const result = spawnSync('git', ['grep', '-I', '-n', '-F', needle], { cwd: dir, encoding: 'utf8' })
  if (result.status === 1) return []
  if (result.status !== 0) throw new Error(`git grep failed: ${result.stderr}`)
  return result.stdout.trim().split('\n')
}
