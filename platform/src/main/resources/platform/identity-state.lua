-- A service's read of the identity state (as the gateway's IdentityState reads it), in one round trip.
-- KEYS[1] tenant-status hash, KEYS[2] its sync marker, KEYS[3] the subject's revoked-user key.
-- ARGV[1] the token's tenant, ARGV[2] the path's tenant ('' when there is none).
-- Returns {'unsynced'} or {'synced', revoked-at or '', token tenant status or '', path tenant status or ''}.
if redis.call('EXISTS', KEYS[2]) == 0 then
  return {'unsynced'}
end
local revoked = redis.call('GET', KEYS[3]) or ''
local tokenTenant = ''
local pathTenant = ''
if ARGV[1] ~= '' then
  tokenTenant = redis.call('HGET', KEYS[1], ARGV[1]) or ''
end
if ARGV[2] ~= '' then
  pathTenant = redis.call('HGET', KEYS[1], ARGV[2]) or ''
end
return {'synced', revoked, tokenTenant, pathTenant}
