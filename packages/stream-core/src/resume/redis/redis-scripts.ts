// The Lua scripts of the Redis store. Each runs atomically, which is what makes create / append / finish /
// stop correct across instances. KEYS: [1] the meta hash (status, owner, last id), [2] the events stream,
// [3] the stop list a producer blocks on. Events get explicit stream ids `0-<n>`; end records get `*`, an id
// above every `0-<n>`, so nothing can be appended after one.

/** ARGV: owner, leaseMs. 1 when created (the caller is the producer), 0 when the id exists. */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'status', 'running', 'owner', ARGV[1], 'last', 0, 'bytes', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`

/**
 * ARGV: owner, data, leaseMs, maxEvents, maxBytes. The new event id; 0 when the stream is not running under
 * this owner; -1 / -2 when it already holds maxEvents events / the data would pass maxBytes (Lua string
 * lengths are bytes).
 */
export const APPEND = `
local meta = redis.call('HMGET', KEYS[1], 'status', 'owner', 'last', 'bytes')
if meta[1] ~= 'running' or meta[2] ~= ARGV[1] then return 0 end
if tonumber(meta[3]) >= tonumber(ARGV[4]) then return -1 end
local bytes = tonumber(meta[4]) + string.len(ARGV[2])
if bytes > tonumber(ARGV[5]) then return -2 end
local id = redis.call('HINCRBY', KEYS[1], 'last', 1)
redis.call('HSET', KEYS[1], 'bytes', bytes)
redis.call('XADD', KEYS[2], '0-' .. id, 'data', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return id
`

/** ARGV: owner, error frame JSON or '', ttlMs. 1 when finished, 0 when not running under this owner. */
export const FINISH = `
local meta = redis.call('HMGET', KEYS[1], 'status', 'owner')
if meta[1] ~= 'running' or meta[2] ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'status', 'finished')
redis.call('XADD', KEYS[2], '*', 'end', 'finished', 'error', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`

/** ARGV: ttlMs. 1 when stopped, 0 when not running. Wakes the producer through the stop list. */
export const STOP = `
if redis.call('HGET', KEYS[1], 'status') ~= 'running' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'stopped')
redis.call('XADD', KEYS[2], '*', 'end', 'stopped', 'error', '')
redis.call('RPUSH', KEYS[3], 'stopped')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[1])
return 1
`

/**
 * ARGV: owner, leaseMs. Renews a running stream's lease for its producer and says where the stream is:
 * 'running', 'stopped', or 'ended' (finished, expired, or taken over by another owner).
 */
export const RENEW = `
local meta = redis.call('HMGET', KEYS[1], 'status', 'owner')
if meta[2] ~= ARGV[1] then return 'ended' end
if meta[1] == 'stopped' then return 'stopped' end
if meta[1] ~= 'running' then return 'ended' end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 'running'
`
