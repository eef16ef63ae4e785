#!/usr/bin/env bash
# Measures false positives on the live kernel audit: runs `whence up` (embedded broker, live collector,
# topology, HTTP) while heavy benign work runs on this host, then reports the events processed, the
# alerts by rule and severity, and alerts per million events (BENCHMARKS.md, "Detection").
#
#   sudo recordings/measure-false-positives.sh [OUT_DIR]
#
# The benign work: this project's own build and unit tests (a copy of the repository, offline; the
# ITs are skipped because they install and remove audit rules themselves), package queries and a
# package reinstall (maintainer scripts), shell sessions, compiling and running C programs (also from
# /tmp, as configure checks do), git and python use, logrotate-style deletion of old logs, and
# `su` spawning a login shell. Nothing is sent anywhere but this host. Needs root; `whence up`
# restores the host's audit settings when it stops.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$(mktemp -d /tmp/whence-fp.XXXXXX)}
mkdir -p "$out"
port=${WHENCE_FP_PORT:-17070}
api=http://127.0.0.1:$port/api
say() { printf '%s %s\n' "$(date +%T)" "$*" | tee -a "$out/report.txt" >&2; }

[ "$(id -u)" = 0 ] || { echo "needs root (live kernel audit)" >&2; exit 2; }
"$root/whence" up --data-dir "$out/data" --http-port "$port" >"$out/up.log" 2>&1 &
up=$!
stop_up() { kill -TERM "$up" 2>/dev/null && wait "$up"; }
trap stop_up EXIT
for _ in $(seq 180); do curl -sf "$api/health" >/dev/null && break; sleep 1; done
curl -sf "$api/health" >/dev/null || { say "whence up did not become healthy; see $out/up.log"; exit 1; }
say "whence up healthy (pid $up); benign work starts"

benign_build() {
  git clone -q "$root" "$out/src" && (cd "$out/src" && mvn -B -o -q package -DskipITs >"$out/build.log" 2>&1)
  say "project build and unit tests: exit $?"
}

benign_packages() {
  dpkg -l >/dev/null; dpkg -S /bin/ls >/dev/null; apt-cache policy openjdk-17-jdk-headless >/dev/null
  apt-cache search --names-only kafka >/dev/null; dpkg --verify coreutils >/dev/null 2>&1
  if apt-get install --reinstall -y -q jq >"$out/apt.log" 2>&1; then say "apt-get reinstall jq: ok"
  else say "apt-get reinstall jq failed (no mirror?), see $out/apt.log"; fi
}

benign_shells() {
  for i in $(seq 40); do
    bash -c 'cd /tmp && ls -la >/dev/null && grep -c root /etc/passwd >/dev/null && ps aux | wc -l >/dev/null
             find /usr/share/doc -maxdepth 1 -name "*java*" >/dev/null; tar -C /etc -cf - hostname hosts | tar -tf - >/dev/null'
  done
  su - nobody -s /bin/bash -c 'id; echo $HOME' >/dev/null 2>&1
  say "shell sessions done"
}

benign_compile() {
  local d; d=$(mktemp -d)
  printf '#include <stdio.h>\nint main(void){puts("hello");return 0;}\n' >"$d/hello.c"
  for i in $(seq 20); do
    gcc -O2 -o "$d/hello" "$d/hello.c" && "$d/hello" >/dev/null
    gcc -o "/tmp/conftest$$" "$d/hello.c" && "/tmp/conftest$$" >/dev/null && rm -f "/tmp/conftest$$"
  done
  python3 -c 'import json, hashlib; print(hashlib.sha256(json.dumps(list(range(1000))).encode()).hexdigest())' >/dev/null
  git -C "$root" log --oneline | wc -l >/dev/null
  rm -rf "$d"
  say "compile-and-run done"
}

benign_logs() {
  local d; d=$(mktemp -d /var/tmp/whence-fp-logs.XXXXXX)
  for i in 1 2 3 4 5 6; do echo "line $i" >"$d/app.log.$i"; done
  echo current >"$d/app.log"
  find "$d" -name 'app.log.[3-9]' -delete
  mv "$d/app.log" "$d/app.log.1"
  gzip -f "$d/app.log.2"
  rm -rf "$d"
  say "log rotation done"
}

benign_build & b=$!
benign_packages; benign_shells; benign_compile; benign_logs
wait "$b"

# Let the topology catch up: wait until eventsIn grows by less than 500 in 5 s (the host keeps
# producing some events: the pipeline's own, other work), at most 5 minutes.
prev=-1
for _ in $(seq 60); do
  now=$(curl -sf "$api/stats" | jq '.eventsIn // 0')
  [ "$prev" -ge 0 ] && [ $((now - prev)) -lt 500 ] && break
  prev=$now; sleep 5
done
curl -sf "$api/stats" >"$out/stats.json"
curl -sf "$api/alerts?limit=10000" >"$out/alerts.json"
events=$(jq '.eventsIn' "$out/stats.json")
lost=$(jq '.eventsLost' "$out/stats.json")
klost=$(jq '.kernelLost' "$out/stats.json")
alerts=$(jq 'length' "$out/alerts.json")
high=$(jq '[.[] | select(.severity == "HIGH" or .severity == "CRITICAL")] | length' "$out/alerts.json")
say "events processed: $events (collector-reported lost: $lost, kernel lost: $klost)"
say "alerts: $alerts, of which high or critical: $high"
say "alerts per million events: $(awk -v a="$alerts" -v e="$events" 'BEGIN { printf "%.2f", e ? a * 1e6 / e : 0 }')"
jq -r 'group_by(.rule) | map("  \(.[0].rule) (\(.[0].severity)): \(length)") | .[]' "$out/alerts.json" | tee -a "$out/report.txt"
jq -r '.[] | "  \(.rule): \(.chain[-1].subject.exe // "?") \(.chain[-1].object.name // "")"' "$out/alerts.json" | sort | uniq -c | sort -rn | head -30 | tee -a "$out/report.txt"
say "report: $out/report.txt"
