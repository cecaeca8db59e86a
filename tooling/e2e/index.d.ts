import type { PlaywrightTestConfig } from '@playwright/test'

export declare const FAKE_OPENAI_MODEL: string

export declare function fakeOpenAIEndpoints(name: string): {
  appURL: string
  serverURL: string
  apiKey: string
  model: string
}

export declare function defineAppE2EConfig(options: {
  name: string
  env?: Record<string, string>
  timeout?: number
  /**
   * Also start an OpenAI-compatible fake server and a second `next start` wired to it through OPENAI_API_KEY,
   * OPENAI_BASE_URL and OPENAI_MODEL (see fakeOpenAIEndpoints); `env` is merged over `env` for that instance.
   */
  fakeOpenAI?: boolean | { env?: Record<string, string> }
}): PlaywrightTestConfig
