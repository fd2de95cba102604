-- wrk script for the benchmark suite. PATH_TEMPLATE is a path in which {id} becomes a random integer in
-- [FIRST, LAST], or a random one of IDS (comma-separated) or of IDS_FILE (one per line) when set, and {q} a random
-- term of TERMS (comma-separated); IF_NONE_MATCH, when set, is sent as such.
-- With SEQUENTIAL=1 every id of IDS_FILE is asked for once: the THREADS threads take turns through the list, and
-- a thread stops when its share is done (a cold read: nothing asked twice).
local template = os.getenv("PATH_TEMPLATE") or "/"
local first = tonumber(os.getenv("FIRST") or "1")
local last = tonumber(os.getenv("LAST") or "1")
local sequential = os.getenv("SEQUENTIAL") == "1"
local threads = tonumber(os.getenv("THREADS") or "2")
local terms = {}
for term in string.gmatch(os.getenv("TERMS") or "", "([^,]+)") do
  terms[#terms + 1] = term
end
local ids = {}
for id in string.gmatch(os.getenv("IDS") or "", "([^,]+)") do
  ids[#ids + 1] = id
end
local idsFile = os.getenv("IDS_FILE")
if idsFile then
  for line in io.lines(idsFile) do
    if line ~= "" then
      ids[#ids + 1] = line
    end
  end
end
local ifNoneMatch = os.getenv("IF_NONE_MATCH")
local method = os.getenv("METHOD") or "GET"

local function encode(s)
  return (string.gsub(s, "[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local started = 0
setup = function(thread)
  thread:set("seed", math.random(1, 1000000))
  thread:set("index", started)
  started = started + 1
end

local nextAt
local done = false

init = function()
  math.randomseed(os.time() + (seed or 0))
  nextAt = (index or 0) + 1
  wrk.headers["User-Agent"] = "Mozilla/5.0 (bench suite)"
  if ifNoneMatch then
    wrk.headers["If-None-Match"] = ifNoneMatch
  end
end

local function pick()
  if sequential then
    if nextAt > #ids then
      done = true
      return ids[#ids]
    end
    local id = ids[nextAt]
    nextAt = nextAt + threads
    return id
  end
  if #ids > 0 then
    return ids[math.random(1, #ids)]
  end
  return tostring(math.random(first, last))
end

request = function()
  local path = string.gsub(template, "{id}", pick)
  if #terms > 0 then
    path = string.gsub(path, "{q}", function() return encode(terms[math.random(1, #terms)]) end)
  end
  return wrk.format(method, path)
end

if sequential then
  -- Only then: a response function makes wrk hand every answer to Lua.
  response = function(status, headers, body)
    if done then
      wrk.thread:stop()
    end
  end
end
