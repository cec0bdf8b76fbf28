#!/usr/bin/env bash
# What the access-token check costs GET /protected-resource, measured over real Kestrel on 127.0.0.1
# against a baseline in the same run. Needs wrk (apt-get install -y wrk), curl, jq and the .NET SDK.
#
#   bash bench/protected-resource.sh
#
# Settings (environment): ROUNDS=5 DURATION=10 WARMUP=60 CONNECTIONS=50 PIN=1
#   PIN=1 runs the servers on CPU 0 and wrk on CPU 1 (needs 2 CPUs), so the load generator does not
#   take its CPU from the server; PIN=0 lets both use every CPU.
#
# Two Release servers run side by side, each on its own database, the one not under load idle:
#   A with the default Auth:RevocationCacheDuration=00:00:05, B with 00:00:00 (every check reads SQLite).
# Cases, each warmed up once (WARMUP seconds: on a busy machine the JIT needs 40-60 s under load to
# finish optimizing the SQLite path), then measured ROUNDS times, interleaved, the order rotating from round
# to round, so drift on a shared machine falls on every case alike:
#   static    A: GET /auth-client.js, no token: an endpoint without auth (the baseline)
#   no-token  A: GET /protected-resource without a token: the 401 challenge
#   cached    A: GET /protected-resource with a Bearer token: JWT validation + the cached check
#   uncached  B: the same request: JWT validation + the check reading SQLite
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-60}
CONNECTIONS=${CONNECTIONS:-50}
PIN=${PIN:-1}

for tool in wrk curl jq dotnet; do
  command -v "$tool" >/dev/null || { echo "protected-resource.sh needs $tool (wrk: apt-get install -y wrk)" >&2; exit 1; }
done
if [[ $PIN == 1 && $(nproc) -lt 2 ]]; then
  echo "PIN=1 needs 2 CPUs; run with PIN=0" >&2
  exit 1
fi

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d -t authserver-bench-XXXXXX)
app=$work/app
declare -A pid=() url=() token=()

cleanup() {
  local server
  for server in "${!pid[@]}"; do
    kill "${pid[$server]}" 2>/dev/null || true
    wait "${pid[$server]}" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ $PIN == 1 ]]; then
  server_cpus=(taskset -c 0)
  wrk_cpus=(taskset -c 1)
  wrk_threads=1
else
  server_cpus=()
  wrk_cpus=()
  wrk_threads=2
fi

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

# start_server <name> <revocation cache duration>: the Release build on a free port, its database and key ring in $work/<name>.
start_server() {
  local name=$1 base
  base=http://127.0.0.1:$(free_port)
  mkdir "$work/$name"
  (
    cd "$app"
    exec env \
      ASPNETCORE_ENVIRONMENT=Benchmark \
      ASPNETCORE_URLS="$base" \
      ConnectionStrings__AuthDb="Data Source=$work/$name/auth.db" \
      Auth__KeyRingPath="$work/$name/keys" \
      Auth__Issuer="$base" \
      Auth__RevocationCacheDuration="$2" \
      Auth__Password__WorkFactor=4 \
      Logging__LogLevel__Default=Warning \
      "${server_cpus[@]}" ./AuthServer >"$work/$name/server.log" 2>&1
  ) &
  pid[$name]=$!
  url[$name]=$base
  for _ in $(seq 300); do
    if curl -fs -o /dev/null "$base/health"; then
      return
    fi
    if ! kill -0 "${pid[$name]}" 2>/dev/null; then
      cat "$work/$name/server.log" >&2
      echo "server $name exited" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "server $name did not answer /health within 60 s" >&2
  exit 1
}

expect_status() { # expect_status <status> <curl args...>
  local want=$1 got
  shift
  got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  [[ $got == "$want" ]] || { echo "expected $want, got $got: curl $*" >&2; exit 1; }
}

credentials='{"username":"bench","password":"seven otters load kestrel at night"}'
register() { # register <server>
  expect_status 201 -X POST "${url[$1]}/register" -H 'Content-Type: application/json' -d "$credentials"
}
# A fresh access token (it lives 15 minutes; a round takes a minute or so).
log_in() { # log_in <server>
  token[$1]=$(curl -fs -X POST "${url[$1]}/login" -H 'Content-Type: application/json' -d "$credentials" | jq -r .access_token)
}

# wrk prints one machine-readable line at the end.
cat >"$work/result.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.0f %.0f %.0f %.0f %.0f\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

cpu_ticks() { # user + system time of a process so far, in clock ticks
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# A case: the server, the path, the expected status, and whether it sends the token.
declare -A case_server=([static]=a [no-token]=a [cached]=a [uncached]=b)
declare -A case_path=([static]=/auth-client.js [no-token]=/protected-resource [cached]=/protected-resource [uncached]=/protected-resource)
declare -A case_status=([static]=200 [no-token]=401 [cached]=200 [uncached]=200)
declare -A case_token=([static]=0 [no-token]=0 [cached]=1 [uncached]=1)

load() { # load <case> <seconds>
  local server=${case_server[$1]} headers=()
  [[ ${case_token[$1]} == 1 ]] && headers=(-H "Authorization: Bearer ${token[$server]}")
  "${wrk_cpus[@]}" wrk -t "$wrk_threads" -c "$CONNECTIONS" -d "$2s" --timeout 10s \
    -s "$work/result.lua" "${headers[@]}" "${url[$server]}${case_path[$1]}"
}

check() { # check <case>: one request answers as expected
  local server=${case_server[$1]} headers=()
  [[ ${case_token[$1]} == 1 ]] && headers=(-H "Authorization: Bearer ${token[$server]}")
  expect_status "${case_status[$1]}" "${headers[@]}" "${url[$server]}${case_path[$1]}"
}

measure() { # measure <round> <case>
  local round=$1 name=$2 server_pid=${pid[${case_server[$2]}]} before after result
  before=$(cpu_ticks "$server_pid")
  result=$(load "$name" "$DURATION" | grep '^RESULT ')
  after=$(cpu_ticks "$server_pid")
  local requests duration_us p50 p99 non2xx socket expected_non2xx=0
  read -r _ requests duration_us p50 p99 non2xx socket <<<"$result"
  [[ ${case_status[$name]} != 200 ]] && expected_non2xx=$requests
  if [[ $non2xx != "$expected_non2xx" || $socket != 0 ]]; then
    echo "$name: $non2xx unexpected statuses, $socket socket errors in $requests requests" >&2
    exit 1
  fi
  awk -v r="$round" -v n="$name" -v q="$requests" -v d="$duration_us" -v p50="$p50" -v p99="$p99" \
    -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "%d %s %.0f %.3f %.3f %.1f %s\n", r, n, q / (d / 1e6), p50 / 1000, p99 / 1000, t / hz / q * 1e6, l }' \
    | tee -a "$work/results"
}

echo "publishing src/AuthServer in Release..."
dotnet publish "$repo/src/AuthServer" -c Release -o "$app" --nologo -v quiet >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }

start_server a 00:00:05
start_server b 00:00:00
for server in a b; do
  register "$server"
  log_in "$server"
done

cases=(static no-token cached uncached)
for name in "${cases[@]}"; do
  check "$name"
  load "$name" "$WARMUP" >/dev/null
done

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, PIN=$PIN, $CONNECTIONS connections, ${WARMUP} s warm-up and ${DURATION} s per case and round, $ROUNDS rounds"
echo "round case req/s p50_ms p99_ms server_cpu_us/req load1"
for ((round = 1; round <= ROUNDS; round++)); do
  log_in a
  log_in b
  for ((i = 0; i < ${#cases[@]}; i++)); do
    measure "$round" "${cases[(i + round - 1) % ${#cases[@]}]}"
  done
done
for name in "${cases[@]}"; do
  check "$name" # still answering as at the start: no server died
done

# Per case the median over the rounds; per pair of cases the median of the rounds' ratios (each
# round measures both cases within a minute of each other) and, in brackets, their lowest and highest.
echo
awk -v cases="${cases[*]}" '
  { v[$2, "rps", $1] = $3; v[$2, "p50", $1] = $4; v[$2, "p99", $1] = $5; v[$2, "cpu", $1] = $6; if ($1 > rounds) rounds = $1 }
  function median(list, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) { t = list[j]; list[j] = list[j - 1]; list[j - 1] = t }
    lo = list[1]; hi = list[n]
    return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
  }
  function of(k, m,   r, l) { for (r = 1; r <= rounds; r++) l[r] = v[k, m, r]; return median(l, rounds) }
  function ratio(a, b, m,   r, l, x) {
    for (r = 1; r <= rounds; r++) l[r] = v[a, m, r] / v[b, m, r]
    x = median(l, rounds)
    return sprintf("%5.2f (%.2f-%.2f)", x, lo, hi)
  }
  END {
    n = split(cases, c, " ")
    printf "%-9s %8s %8s %8s %15s\n", "median", "req/s", "p50 ms", "p99 ms", "server µs/req"
    for (i = 1; i <= n; i++) printf "%-9s %8.0f %8.2f %8.2f %15.1f\n", c[i], of(c[i], "rps"), of(c[i], "p50"), of(c[i], "p99"), of(c[i], "cpu")
    printf "\n%-19s %-17s %-17s %-17s %-17s\n", "ratio", "req/s", "p50", "p99", "server µs/req"
    split("cached:static uncached:static uncached:cached cached:no-token", pairs, " ")
    for (i = 1; i <= 4; i++) {
      split(pairs[i], ab, ":")
      printf "%-19s %-17s %-17s %-17s %-17s\n", ab[1] " / " ab[2], ratio(ab[1], ab[2], "rps"), ratio(ab[1], ab[2], "p50"), ratio(ab[1], ab[2], "p99"), ratio(ab[1], ab[2], "cpu")
    }
  }' "$work/results"
