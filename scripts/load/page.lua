-- One page for wrk, each request as one of many signed-in users picked at random.
--   wrk -tT -cC -dD -s page.lua URL -- SESSIONS PATH
-- SESSIONS: lines whose first word is a session cookie ("JSESSIONID=..."), a cadre's third word their number;
-- PATH: the page, with its query; "/me" is each cadre's own page, /cadres/{their number}.

function init(args)
  sessions = {}
  for line in io.lines(args[1]) do
    local cookie = string.match(line, "^(%S+)")
    local no = string.match(line, "^%S+ %S+ (%S+)$")
    if cookie then table.insert(sessions, { cookie = cookie, no = no }) end
  end
  path = args[2]
  math.randomseed(os.time() + (tonumber(string.match(tostring({}), "0x(%x+)"), 16) or 0) % 100000)
end

function request()
  local session = sessions[math.random(#sessions)]
  local target = (path == "/me" and session.no) and ("/cadres/" .. session.no) or path
  return wrk.format("GET", target, { ["Cookie"] = session.cookie })
end
