-- wrk script: POST /v1/decisions with request bodies taken in turn from a JSON Lines file, one request per line.
--
--   wrk -t2 -c50 -d30s --latency -s examples/server/load/decisions.lua http://127.0.0.1:8080 -- requests.jsonl
--
-- Each wrk thread starts at its own place in the file. wrk counts any status but 2xx/3xx as "Non-2xx or 3xx
-- responses"; the decision service answers a valid request with 200 whatever the outcome.
local bodies = {}
local next_body = 1

function init(args)
    local path = args[1] or "requests.jsonl"
    for line in io.lines(path) do
        if #line > 0 then
            bodies[#bodies + 1] = line
        end
    end
    if #bodies == 0 then
        error("no requests in " .. path)
    end
    next_body = math.random(#bodies)
end

function request()
    next_body = next_body % #bodies + 1
    return wrk.format("POST", "/v1/decisions", { ["Content-Type"] = "application/json" }, bodies[next_body])
end
