-- wrk script: POST distinct reports (services rotate, every request from a new network in
-- X-Forwarded-For, so a new reporter: run the server with --client-ip-header X-Forwarded-For; wrk
-- on loopback is a trusted proxy by default) and count acknowledgements (201 counted, 200 repeat) per thread.
local services = {"whatsapp", "x", "chatgpt", "facebook", "instagram", "venmo", "snapchat", "reddit", "stc", "talabat"}
local threads = {}
local counter = 0
local id = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  acked = 0
  other = 0
end

request = function()
  counter = counter + 1
  local s = services[(counter % #services) + 1]
  local body = '{"service":"' .. s .. '","problem":"app","country":"SA"}'
  return wrk.format("POST", "/api/v1/reports",
    {["Content-Type"] = "application/json",
     ["X-Forwarded-For"] = string.format("%d.%d.%d.7", 11 + math.floor(counter / 65536) % 200, math.floor(counter / 256) % 256, counter % 256)}, body)
end

response = function(status, headers, body)
  if status == 201 or status == 200 then acked = acked + 1 else other = other + 1 end
end

done = function(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    o = o + t:get("other")
  end
  io.write(string.format("acknowledged=%d other=%d p50_ms=%.2f p99_ms=%.2f rps=%.0f\n",
    a, o, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
