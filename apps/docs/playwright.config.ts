import { defineAppE2EConfig } from '@repo/e2e'

export default defineAppE2EConfig({ name: 'docs' })
