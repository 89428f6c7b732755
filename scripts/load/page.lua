-- One page for wrk, each request as one of many signed-in users picked at random.
--   wrk -tT -cC -dD -s page.lua URL -- SESSIONS PATH
-- SESSIONS: lines whose first word is a session cookie ("JSESSIONID=..."); PATH: the page, with its query.

function init(args)
  sessions = {}
  for line in io.lines(args[1]) do
    local cookie = string.match(line, "^(%S+)")
    if cookie then table.insert(sessions, cookie) end
  end
  path = args[2]
  math.randomseed(os.time() + (tonumber(string.match(tostring({}), "0x(%x+)"), 16) or 0) % 100000)
end

function request()
  return wrk.format("GET", path, { ["Cookie"] = sessions[math.random(#sessions)] })
end
