-- The peak mix for wrk, from outside the server's JVM, with many different signed-in users:
-- 55 % a cadre's own pages (their study, their own cadre page), 15 % a cadre logging self-study through the form (with the
-- session's CSRF token), 20 % an administrator's lists and searches, 10 % the dashboard and the summary.
--   wrk -tT -cC -dD -s peak.lua URL -- CADRE_SESSIONS ADMIN_SESSIONS DATE
-- CADRE_SESSIONS: lines "COOKIE TOKEN CADRE_NO"; ADMIN_SESSIONS: lines "COOKIE".

local counter = 0

function init(args)
  cadres = {}
  for line in io.lines(args[1]) do
    local cookie, token, no = string.match(line, "^(%S+) (%S+) (%S+)$")
    if cookie then table.insert(cadres, { cookie = cookie, token = token, no = no }) end
  end
  admins = {}
  for line in io.lines(args[2]) do
    if #line > 0 then table.insert(admins, line) end
  end
  date = args[3]
  math.randomseed(os.time() + (tonumber(string.match(tostring({}), "0x(%x+)"), 16) or 0) % 100000)
  errors = 0
  -- each thread's own mark in the material, so that two threads never write the same entry (cadre, date, material)
  tag = tostring(math.random(1000000000))
end

local searches = { "/cadres?q=%E5%BC%A0", "/cadres?q=%E7%8E%8B", "/units", "/cadres?rank=SECTION_DEPUTY", "/cadres" }

function request()
  counter = counter + 1
  local slot = math.random(100)
  if slot <= 55 then
    local cadre = cadres[math.random(#cadres)]
    -- their study, or their own page (where /me sends them)
    local path = (slot <= 40) and "/my/study" or ("/cadres/" .. cadre.no)
    return wrk.format("GET", path, { ["Cookie"] = cadre.cookie })
  elseif slot <= 70 then
    local cadre = cadres[math.random(#cadres)]
    local body = "date=" .. date .. "&hours=0.5&material=" .. "peak-" .. tag .. "-" .. counter .. "&_csrf=" .. cadre.token
    return wrk.format("POST", "/my/study/self-study", { ["Cookie"] = cadre.cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  elseif slot <= 90 then
    return wrk.format("GET", searches[math.random(#searches)], { ["Cookie"] = admins[math.random(#admins)] })
  else
    local path = (slot <= 95) and "/dashboard" or "/summary"
    return wrk.format("GET", path, { ["Cookie"] = admins[math.random(#admins)] })
  end
end

function response(status, headers, body)
  if status >= 400 then
    errors = errors + 1
  end
end
