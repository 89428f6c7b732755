-- The drill's request mix for wrk (one connection per thread, so answers come back in the order of the requests):
-- 20 % the sign-in page, 30 % a page read in a signed-in session (many users), 20 % an API list, 15 % the summary,
-- 15 % a study note written through the API with an Idempotency-Key. Each thread writes the keys of its acknowledged
-- writes and the second of each failed answer to files in the output directory.
--   wrk -t8 -c8 -d60s -s mix.lua URL -- COOKIES_FILE BASIC_AUTH OUT_DIR CADRE_NO DATE

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  cookies = {}
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(cookies, line) end
  end
  auth = args[2]
  out = args[3]
  cadre = args[4]
  date = args[5]
  acknowledged = io.open(out .. "/acknowledged-" .. id, "w")
  failures = io.open(out .. "/failures-" .. id, "w")
  pending = {}
  count = 0
  errors = 0
end

local boundary = "drillboundary7d1"

function request()
  count = count + 1
  local slot = count % 20
  local kind, req
  if slot < 4 then
    kind = "login"
    req = wrk.format("GET", "/login")
  elseif slot < 10 then
    kind = "page"
    req = wrk.format("GET", "/units", { ["Cookie"] = cookies[(count + id) % #cookies + 1] })
  elseif slot < 14 then
    kind = "list"
    req = wrk.format("GET", "/api/cadres?size=20", { ["Authorization"] = auth })
  elseif slot < 17 then
    kind = "summary"
    req = wrk.format("GET", "/api/summary?unit=COUNTY", { ["Authorization"] = auth })
  else
    kind = "write-drill-" .. id .. "-" .. count
    local csv = "cadre_no,date,title,content\n" .. cadre .. "," .. date .. "," .. string.sub(kind, 7) .. ",演练中写下的学习心得\n"
    local body = "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.csv\"\r\n"
      .. "Content-Type: text/csv\r\n\r\n" .. csv .. "\r\n--" .. boundary .. "--\r\n"
    req = wrk.format("POST", "/api/import/notes", { ["Authorization"] = auth, ["Idempotency-Key"] = string.sub(kind, 7),
      ["Content-Type"] = "multipart/form-data; boundary=" .. boundary }, body)
  end
  table.insert(pending, kind)
  return req
end

-- What an answer is an answer to, from its content: when wrk loses a connection (a socket error, as when an instance
-- dies in the middle of an answer) the request sent on it gets no answer, and the queue must skip it.
local function class_of(status, body)
  if status >= 500 or body == nil then return nil end
  if string.find(body, '"inserted"', 1, true) then return "write" end
  if string.find(body, '{"items"', 1, true) == 1 then return "list" end
  if string.find(body, '"figures"', 1, true) then return "summary" end
  if string.find(body, 'name="username"', 1, true) then return "login" end
  if status == 200 then return "page" end
  return nil
end

local function class_of_kind(kind)
  if string.sub(kind, 1, 6) == "write-" then return "write" end
  return kind
end

function response(status, headers, body)
  local class = class_of(status, body)
  if class ~= nil and #pending > 1 and class_of_kind(pending[1]) ~= class then
    for i = 2, #pending do
      if class_of_kind(pending[i]) == class then
        for _ = 1, i - 1 do table.remove(pending, 1) end
        break
      end
    end
  end
  local kind = table.remove(pending, 1) or "?"
  local ok
  if kind == "page" then
    ok = status == 200          -- a redirect to the login page would be a lost session
  else
    ok = status >= 200 and status < 400
  end
  if not ok then
    errors = errors + 1
    failures:write(os.time(), " ", status, " ", kind, "\n")
    failures:flush()
  elseif string.sub(kind, 1, 6) == "write-" then
    acknowledged:write(string.sub(kind, 7), "\n")
    acknowledged:flush()
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("errors")
  end
  io.write(string.format("wrk: requests=%d socket_errors=%d status_errors=%d p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    bad, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
