export declare class RedisServerNotFoundError extends Error {}

/** The redis-server binary: the system one, or Debian's package installed now (as root on Debian). */
export declare function resolveRedisServer(): string

/** Starts redis-server on a free 127.0.0.1 port, without persistence; `stop()` ends it. */
export declare function startRedisServer(): Promise<{ url: string; port: number; stop: () => Promise<void> }>
