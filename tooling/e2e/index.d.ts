import type { PlaywrightTestConfig } from '@playwright/test'

export declare function defineAppE2EConfig(options: {
  name: string
  env?: Record<string, string>
  timeout?: number
}): PlaywrightTestConfig
