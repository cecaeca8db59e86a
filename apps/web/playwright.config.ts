import { defineAppE2EConfig } from '@repo/e2e'

// Two production servers: the main one with the local model and the test hooks on (STREAMKIT_E2E=1), and one
// wired to an OpenAI-compatible fake server with the test hooks off, as in production. OPENAI_* are blanked
// for the main one so a developer's own key never changes what the suite tests.
export default defineAppE2EConfig({
  name: 'web',
  env: { STREAMKIT_E2E: '1', OPENAI_API_KEY: '', OPENAI_BASE_URL: '', OPENAI_MODEL: '' },
  fakeOpenAI: { env: { STREAMKIT_E2E: '' } },
})
