export declare const FAKE_OPENAI_API_KEY: string
export declare function fakeOpenAIAnswer(question: string): string
export declare function startFakeOpenAIServer(options?: {
  port?: number
  apiKey?: string
  tokenDelayMs?: number
}): Promise<{ url: string; port: number; close: () => Promise<void> }>
