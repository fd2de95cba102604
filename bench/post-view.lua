-- wrk script: POST one view per request. With FIRST and LAST set, each request picks a random article id in
-- [FIRST, LAST]; otherwise it posts to the URL given on the command line.
local first = tonumber(os.getenv("FIRST"))
local last = tonumber(os.getenv("LAST"))

wrk.method = "POST"
wrk.headers["User-Agent"] = "Mozilla/5.0 (bench; views)"

request = function()
  if first and last then
    return wrk.format("POST", "/articles/" .. math.random(first, last) .. "/views")
  end
  return wrk.format("POST")
end
