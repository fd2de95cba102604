-- wrk script for the benchmark suite. PATH_TEMPLATE is a path in which {id} becomes a random integer in
-- [FIRST, LAST], or a random one of IDS (comma-separated) when set, and {q} a random term of TERMS
-- (comma-separated); IF_NONE_MATCH, when set, is sent as such.
local template = os.getenv("PATH_TEMPLATE") or "/"
local first = tonumber(os.getenv("FIRST") or "1")
local last = tonumber(os.getenv("LAST") or "1")
local terms = {}
for term in string.gmatch(os.getenv("TERMS") or "", "([^,]+)") do
  terms[#terms + 1] = term
end
local ids = {}
for id in string.gmatch(os.getenv("IDS") or "", "([^,]+)") do
  ids[#ids + 1] = id
end
local ifNoneMatch = os.getenv("IF_NONE_MATCH")
local method = os.getenv("METHOD") or "GET"

local function encode(s)
  return (string.gsub(s, "[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

setup = function(thread)
  thread:set("seed", math.random(1, 1000000))
end

init = function()
  math.randomseed(os.time() + (seed or 0))
  wrk.headers["User-Agent"] = "Mozilla/5.0 (bench suite)"
  if ifNoneMatch then
    wrk.headers["If-None-Match"] = ifNoneMatch
  end
end

request = function()
  local path = string.gsub(template, "{id}", function()
    if #ids > 0 then
      return ids[math.random(1, #ids)]
    end
    return tostring(math.random(first, last))
  end)
  if #terms > 0 then
    path = string.gsub(path, "{q}", function() return encode(terms[math.random(1, #terms)]) end)
  end
  return wrk.format(method, path)
end
