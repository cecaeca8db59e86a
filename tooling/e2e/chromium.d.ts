export declare class ChromiumNotFoundError extends Error {}
export declare function resolveChromium(options?: { install?: boolean }): {
  executablePath: string | undefined
  source: 'env' | 'playwright' | 'system'
}
export declare const CHROMIUM_ARGS: string[]
export declare function freePort(): number
