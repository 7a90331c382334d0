-- wrk script for bench/tiles: requests paths from a list file.
--   wrk ... -s bench/lib/tile-list.lua http://127.0.0.1:PORT -- <list file> <random|walk> <wrk threads> [first] [count]
--       [accept-encoding]
-- A list line is "<path>[ <etag>]"; with an etag the request carries If-None-Match: <etag> (expects 304).
--   random: each request picks a line uniformly at random (seeded per thread, repeatable);
--   walk:   the threads walk lines first .. first+count-1 interleaved, each line once (a cold cache sees only
--           misses until the slice is used up; then it starts over).
-- walk also prints "misses: N" (answers with X-Cache: MISS) at the end.
-- Requests are formatted once in init(), so the script costs wrk next to nothing per request.

local threads_seen = 0
local all_threads = {}

function setup(thread)
  thread:set("tid", threads_seen)
  threads_seen = threads_seen + 1
  all_threads[#all_threads + 1] = thread
end

function init(args)
  local file, first, count = args[1], tonumber(args[4] or "1"), tonumber(args[5] or "0")
  mode = args[2] or "random"
  nthreads = tonumber(args[3] or "1")
  local lines = {}
  for line in io.lines(file) do
    local path, etag = line:match("^(%S+)%s*(%S*)")
    if path then lines[#lines + 1] = { path, etag } end
  end
  if count <= 0 or first + count - 1 > #lines then count = #lines - first + 1 end
  reqs = {}
  for k = first, first + count - 1 do
    local headers = {}
    if lines[k][2] ~= "" then headers["If-None-Match"] = lines[k][2] end
    if (args[6] or "") ~= "" then headers["Accept-Encoding"] = args[6] end
    reqs[#reqs + 1] = wrk.format("GET", lines[k][1], headers)
  end
  n = #reqs
  if n == 0 then error("tile-list.lua: no lines in " .. file) end
  i = 0
  misses = 0
  -- walk counts the X-Cache: MISS answers (parsing headers costs wrk a little; random does without)
  if mode ~= "walk" then response = nil end
  math.randomseed(4242 + 7919 * (tid or 0))
end

function request()
  if mode == "walk" then
    local k = ((tid or 0) + i * nthreads) % n + 1
    i = i + 1
    return reqs[k]
  end
  return reqs[math.random(n)]
end

function response(status, headers, body)
  if headers["X-Cache"] == "MISS" then misses = misses + 1 end
end

function done(summary, latency, requests)
  local m = 0
  for _, t in ipairs(all_threads) do m = m + (tonumber(t:get("misses")) or 0) end
  io.write("misses: " .. m .. "\n")
end
