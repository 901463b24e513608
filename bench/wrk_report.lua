-- wrk script: with BENCH_DISTINCT set, every request carries its own X-Bench-Request header (a counter), so a server
-- that remembers answers per request (the mock, customers_mock.answers) computes each one; then prints one JSON line
-- (prefixed WRK_JSON) with the counts and latency percentiles, in microseconds.
if os.getenv("BENCH_DISTINCT") then
  local counter = 0
  request = function()
    counter = counter + 1
    wrk.headers["X-Bench-Request"] = tostring(counter)
    return wrk.format()
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, '
      .. '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
