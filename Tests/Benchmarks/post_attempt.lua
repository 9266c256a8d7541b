-- wrk script for the training rush: POSTs a graded quiz attempt as JSON to /api/v1/attempts and
-- counts 2xx and other answers itself (wrk's own summary only counts non-2xx/3xx).
-- The quiz and its answers match the root written by generate_inventory.py.
wrk.method = "POST"
wrk.path = "/api/v1/attempts"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "b"]}}'

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    ok = 0
    other = 0
end

function response(status, headers, body)
    if status >= 200 and status < 300 then
        ok = ok + 1
    else
        other = other + 1
        if other == 1 then
            io.stderr:write("wrk-lua: first non-2xx answer: " .. status .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 200) .. "\n")
        end
    end
end

function done(summary, latency, requests)
    local total_ok, total_other = 0, 0
    for _, thread in ipairs(threads) do
        total_ok = total_ok + thread:get("ok")
        total_other = total_other + thread:get("other")
    end
    io.write(string.format("wrk-lua: 2xx=%d other=%d\n", total_ok, total_other))
end
