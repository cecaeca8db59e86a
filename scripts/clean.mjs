#!/usr/bin/env node
// `pnpm clean`: after each workspace cleaned its own outputs, remove the root caches and every node_modules.
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const workspaceDirs = ['apps', 'packages', 'tooling', 'bench']
  .filter((group) => existsSync(group))
  .flatMap((group) => readdirSync(group).map((name) => join(group, name)))

for (const path of ['.turbo', 'node_modules', ...workspaceDirs.map((dir) => join(dir, 'node_modules'))]) {
  rmSync(path, { recursive: true, force: true })
}
