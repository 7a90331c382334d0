# shellcheck shell=bash
# Load generators: wrk against the service, pgbench against PostgreSQL, each parsed into plain variables.
# Both write their raw output to $BENCH_RAW (a directory) so a surprising number can be checked afterwards.

BENCH_RAW="${BENCH_RAW:-${BENCH_DATA:-/tmp/arealbank-bench}/raw}"

# Converts a wrk/pgbench latency ("812.00us", "1.53ms", "2.01s") to milliseconds.
bench_to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# bench_wrk <name> <url> <connections> <seconds> [extra wrk args...] [-- script args...]
# Sets WRK_RPS, WRK_P50_MS, WRK_P99_MS, WRK_REQUESTS, WRK_BYTES_PER_RESPONSE (on the wire, headers included).
# Arguments after "--" go after the URL, to a Lua script (-s); WRK_THREADS is the number of wrk threads used.
# Fails when any response was not 2xx/3xx, or when no request completed (unless WRK_ALLOW_EMPTY is set: then
# WRK_RPS=0.0 and the latencies are "-"); socket errors (e.g. timeouts) are reported as a warning.
bench_wrk() {
  local name="$1" url="$2" c="$3" d="$4"
  shift 4
  local threads=2 out pre=() post=()
  [ "$c" -lt 2 ] && threads=1
  WRK_THREADS=$threads
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; post=("$@"); break; fi
    pre+=("$1")
    shift
  done
  mkdir -p "$BENCH_RAW"
  out="$BENCH_RAW/wrk-$name-c$c.txt"
  wrk -t"$threads" -c"$c" -d"${d}s" --timeout 10s --latency "${pre[@]}" "$url" "${post[@]}" >"$out" 2>&1 \
    || { cat "$out" >&2; bench_die "wrk failed ($out)"; }
  if grep -q 'Non-2xx or 3xx responses' "$out"; then
    cat "$out" >&2
    bench_die "wrk: the service answered errors ($out)"
  fi
  if grep -q 'Socket errors' "$out"; then
    bench_log "WARNING: wrk socket errors: $(grep 'Socket errors' "$out")"
  fi
  WRK_RPS=$(awk '/^Requests\/sec:/ {printf "%.1f", $2}' "$out")
  WRK_REQUESTS=$(awk '/requests in/ {print $1}' "$out")
  WRK_P50_MS=$(bench_to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  WRK_P99_MS=$(bench_to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  local read
  read=$(awk '/requests in/ {print $5}' "$out") # e.g. 1.23GB
  WRK_BYTES_PER_RESPONSE=$(awk -v r="$read" -v n="$WRK_REQUESTS" 'BEGIN {
    v = r + 0; u = r; sub(/^[0-9.]+/, "", u)
    m = (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : (u == "TB") ? 1099511627776 : 1
    if (n > 0) printf "%.0f", v * m / n; else print 0 }')
  if [ -n "${WRK_ALLOW_EMPTY:-}" ] && [ "${WRK_REQUESTS:-0}" = 0 ]; then
    # the caller accepts "nothing completed in time" as a result (WRK_ALLOW_EMPTY=yes)
    WRK_RPS=0.0 WRK_P50_MS=- WRK_P99_MS=- WRK_BYTES_PER_RESPONSE=-
    bench_log "WARNING: wrk: no request completed within ${d} s ($out)"
    return 0
  fi
  [ -n "$WRK_RPS" ] && [ "$WRK_REQUESTS" -gt 0 ] || { cat "$out" >&2; bench_die "wrk: no requests completed ($out)"; }
}

# bench_pgbench <name> <script file> <clients> <seconds> [extra pgbench args...]
# Uses the libpq environment (PGHOST, PGPORT, ...). Sets PGB_TPS, PGB_P50_MS, PGB_P99_MS, PGB_TRANSACTIONS.
# Percentiles come from pgbench's per-transaction log (-l).
bench_pgbench() {
  local name="$1" script="$2" c="$3" d="$4"
  shift 4
  local threads=2 out logdir
  [ "$c" -lt 2 ] && threads=1
  mkdir -p "$BENCH_RAW"
  out="$BENCH_RAW/pgbench-$name-c$c.txt"
  logdir="$BENCH_RAW/pgbench-$name-c$c.log"
  rm -rf "$logdir"
  mkdir -p "$logdir"
  pgbench -n -c"$c" -j"$threads" -T"$d" -f "$script" -l --log-prefix="$logdir/tx" "$@" >"$out" 2>&1 \
    || { cat "$out" >&2; bench_die "pgbench failed ($out)"; }
  if grep -q 'number of failed transactions: [1-9]' "$out"; then
    cat "$out" >&2
    bench_die "pgbench: failed transactions ($out)"
  fi
  PGB_TPS=$(awk '/^tps = / {printf "%.1f", $3}' "$out" | tail -n 1)
  PGB_TRANSACTIONS=$(awk -F': ' '/number of transactions actually processed/ {split($2, a, "/"); print a[1]}' "$out")
  # log line: client_id transaction_no time(us) script_no time_epoch time_us
  read -r PGB_P50_MS PGB_P99_MS < <(cat "$logdir"/tx.* | awk '{print $3}' | sort -n | awk '
    { v[NR] = $1 }
    END { if (NR == 0) { print "0 0"; exit }
          i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999)
          printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }')
  rm -rf "$logdir"
  [ -n "$PGB_TPS" ] && [ "${PGB_TRANSACTIONS:-0}" -gt 0 ] || { cat "$out" >&2; bench_die "pgbench: no transactions ($out)"; }
}
