-- Token buckets, checked and spent together (RateLimits).
-- KEYS: one or two bucket keys. ARGV[1]: now in epoch milliseconds; then per key: tokens per second, burst.
-- A bucket is a hash {tokens, ts}; a missing one is full. The request passes only if every bucket holds a
-- token; then each loses one. Returns {0} when it passes, else {seconds until it may pass (>= 1)}.
local now = tonumber(ARGV[1])
local tokens = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i])
  local burst = tonumber(ARGV[2 * i + 1])
  local bucket = redis.call('HMGET', key, 'tokens', 'ts')
  local held = tonumber(bucket[1]) or burst
  local since = now - (tonumber(bucket[2]) or now)
  if since < 0 then since = 0 end
  held = math.min(burst, held + since * rate / 1000)
  tokens[i] = held
  if held < 1 then
    local seconds = math.ceil((1 - held) / rate)
    if seconds < 1 then seconds = 1 end
    if seconds > wait then wait = seconds end
  end
end
if wait > 0 then
  return {wait}
end
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i])
  local burst = tonumber(ARGV[2 * i + 1])
  redis.call('HSET', key, 'tokens', tostring(tokens[i] - 1), 'ts', tostring(now))
  -- Once full again a bucket is the same as none: let it expire then.
  redis.call('PEXPIRE', key, math.ceil(burst / rate * 1000) + 1000)
end
return {0}
