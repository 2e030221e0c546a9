-- The load of bench:redeem, for wrk (a C load generator, as pgbench is on the raw side):
-- each connection posts the next unused code of its thread with a fresh nonce, over
-- keep-alive. Thread t of n takes the lines t, t+n, t+2n… of the CODES file, so no code
-- is sent twice; the requests take the places' API keys in turn. Reads CODES, API_KEYS and
-- THEMES (both separated by '|') from the environment.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local all = {}
  for line in io.lines(os.getenv("CODES")) do all[#all + 1] = line end
  codes = {}
  local n = tonumber(os.getenv("THREADS"))
  for i = id + 1, #all, n do codes[#codes + 1] = all[i] end
  themes = {}
  for theme in string.gmatch(os.getenv("THEMES"), "[^|]+") do themes[#themes + 1] = theme end
  authorizations = {}
  for key in string.gmatch(os.getenv("API_KEYS"), "[^|]+") do authorizations[#authorizations + 1] = "Bearer " .. key end
  sent = 0
  created = 0
  others = 0
  exhausted = 0
end

function request()
  if sent >= #codes then
    -- Out of codes: a request that cannot succeed says so in the counts (bench raises BENCH_PASSES).
    exhausted = 1
  end
  sent = sent + 1
  local code = codes[math.min(sent, #codes)]
  local body = string.format(
    '{"code":"%s","nonce":"bench-%s","theme":"%s","durationMinutes":60,"format":"%s"}',
    code, code, themes[(sent % #themes) + 1], (sent % 4 == 3) and "collective" or "individual")
  return wrk.format("POST", "/api/v1/redemptions",
    { ["Authorization"] = authorizations[(sent % #authorizations) + 1], ["Content-Type"] = "application/json" },
    body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    others = others + 1
    if others <= 3 then io.stderr:write(status .. " " .. string.sub(body, 1, 300) .. "\n") end
  end
end

function done(summary, latency, requests)
  local sent, created, others, exhausted = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    sent = math.max(sent, thread:get("sent"))
    created = created + thread:get("created")
    others = others + thread:get("others")
    exhausted = math.max(exhausted, thread:get("exhausted"))
  end
  io.write(string.format(
    "RESULT created=%d others=%d duration_us=%d p50_us=%d p99_us=%d consumed=%d exhausted=%d\n",
    created, others, summary.duration, latency:percentile(50), latency:percentile(99),
    sent * #threads, exhausted))
end
