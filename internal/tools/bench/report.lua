-- wrk report hook for bench.sh: prints one machine-readable line so the
-- script does not have to parse wrk's human-oriented summary (whose units
-- change between us, ms and s).
--
-- Latencies are in microseconds, taken from wrk's own latency histogram.
-- "status" counts responses with a status of 400 or more, which is what wrk
-- reports as "Non-2xx or 3xx responses".
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50=%d p99=%d max=%d status=%d connect=%d read=%d write=%d timeout=%d bytes=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.bytes))
end
