-- wrk script for bench/webhooks.sh: PATCH /articles/{id} with a new title, {id} a random one of IDS
-- (comma-separated), with TOKEN as bearer token and If-Match: *.
local ids = {}
for id in string.gmatch(os.getenv("IDS") or "", "([^,]+)") do
  ids[#ids + 1] = id
end
local token = os.getenv("TOKEN")
local n = 0

setup = function(thread)
  thread:set("seed", math.random(1, 1000000))
end

init = function()
  math.randomseed(seed)
end

request = function()
  n = n + 1
  local id = ids[math.random(1, #ids)]
  local body = string.format('{"title": "webhook bench %d %d"}', seed, n)
  return wrk.format("PATCH", "/articles/" .. id, {
    ["Authorization"] = "Bearer " .. token,
    ["If-Match"] = "*",
    ["Content-Type"] = "application/merge-patch+json; charset=UTF-8",
  }, body)
end
