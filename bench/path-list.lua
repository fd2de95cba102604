-- wrk script: requests the paths of PATHS_FILE (one per line, already URL-encoded) in order, thread k of THREADS
-- (the -t given to wrk, 2 by default) taking lines k, k + THREADS, ..., so that the first pass over the file asks
-- each path once (cold), and later passes ask them again.
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  paths[#paths + 1] = line
end
local step = tonumber(os.getenv("THREADS") or "2")
local next_thread = 0
local counter = 0

setup = function(thread)
  thread:set("offset", next_thread)
  next_thread = next_thread + 1
end

init = function()
  wrk.headers["User-Agent"] = "Mozilla/5.0 (bench suite)"
  counter = offset or 0
end

request = function()
  local path = paths[(counter % #paths) + 1]
  counter = counter + step
  return wrk.format("GET", path)
end
