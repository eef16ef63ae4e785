#!/usr/bin/env bash
# Live benchmark of the Linux collector (not a test): CPU per event of auditd writing its log versus
# the collector as the netlink daemon, for the same burst of audited getppid calls; the collector's
# heap after a full GC; the kernel's lost counter across the burst. Needs root, gcc, auditd, a built
# tree (mvn -pl app -am compile) and a broker: ./whence broker --port 19092.
#   [SKIP_A=1] [WARMUP=N] [COLLECTOR_JAVA_OPTS=...] [JFR=FILE] tests/bench-live/linux-collector.sh CLASSPATH BOOTSTRAP [EVENTS] [PER_SECOND]
# JFR=FILE records the measured burst (after the warm-up) with the "profile" settings into FILE.
# Restores the host's audit settings on every exit.
set -euo pipefail
CP=$1 BOOT=$2 N=${3:-100000} RATE=${4:-0} SKIP_A=${SKIP_A:-}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/whence-bench.XXXXXX)
EN=$(auditctl -s | awk '/^enabled/{print $2}')
BL=$(auditctl -s | awk '/^backlog_limit/{print $2}')
BW=$(auditctl -s | awk '/^backlog_wait_time /{print $2}')
AUDITD_PID= COL_PID=
cleanup() {
  set +e
  [ -n "$COL_PID" ] && kill -TERM "$COL_PID" 2>/dev/null && wait "$COL_PID" 2>/dev/null
  [ -n "$AUDITD_PID" ] && kill -TERM "$AUDITD_PID" 2>/dev/null && wait "$AUDITD_PID" 2>/dev/null
  auditctl -D -k whence >/dev/null 2>&1
  auditctl -b "$BL" --backlog_wait_time "$BW" >/dev/null
  auditctl -e "$EN" >/dev/null
  echo "restored: $(auditctl -s | grep -E '^(enabled|backlog_limit|backlog_wait_time) ' | tr '\n' ' ')$(auditctl -l)"
  rm -rf "$W"
}
trap cleanup EXIT
gcc -O2 -o "$W/wburst" "$HERE/../src/test/resources/live-audit/wburst.c"
grep -v '^#' "$HERE/../src/test/resources/live-audit/test.rules" > "$W/rules"
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
threads() { # "tid ticks name systicks" of every thread of process $1
  local t; for t in /proc/$1/task/*; do
    # fields after the ")" that ends the thread's name (which may hold spaces): utime is 12th, stime 13th
    echo "${t##*/} $(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12+$13}') $(tr ' ' '_' < "$t/comm" 2>/dev/null) $(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $13}')"; done
}
thread_cpu() { # CPU ms (of which system) per thread name (digits folded) between two threads() snapshots $1 $2
  awk -v hz="$(getconf CLK_TCK)" 'NR==FNR{a[$1]=$2; s[$1]=$4; next} {n=$3; gsub(/[0-9]+/,"#",n); d[n]+=$2-a[$1]; y[n]+=$4-s[$1]}
    END{for(n in d) if(d[n]>0) printf "%s=%dms(sys%d) ", n, d[n]*1000/hz, y[n]*1000/hz}' "$1" "$2" | tr ' ' '\n' | sort -t= -k2 -rn | tr '\n' ' '
}
lost() { auditctl -s | awk '/^lost/{print $2}'; }
kauditd() { pgrep -x kauditd; }
idle_wait() { # waits until process $1 uses < 3 ticks in 2 s
  local a b; a=$(ticks "$1")
  while sleep 2; do b=$(ticks "$1"); [ $((b - a)) -lt 3 ] && break; a=$b; done
}
HZ=$(getconf CLK_TCK)
echo "machine: $(nproc) cpus, $(awk '/MemTotal/{print $2/1024 " MiB"}' /proc/meminfo), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"

# A: auditd writes its log (the baseline)
if [ -z "$SKIP_A" ]; then
mkdir -p "$W/auditd/plugins.d"
cat > "$W/auditd/auditd.conf" <<CONF
local_events = yes
write_logs = yes
log_file = $W/auditd/audit.log
log_format = ENRICHED
flush = INCREMENTAL_ASYNC
freq = 50
max_log_file = 2000
num_logs = 2
max_log_file_action = IGNORE
name_format = NONE
space_left = 75
space_left_action = IGNORE
admin_space_left = 50
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = IGNORE
plugin_dir = $W/auditd/plugins.d
q_depth = 2000
overflow_action = IGNORE
end_of_event_timeout = 2
CONF
auditctl -b 8192 --backlog_wait_time 60000 >/dev/null
auditd -n -c "$W/auditd" & AUDITD_PID=$!
sleep 1; auditctl -e 1 >/dev/null
while read -r r; do auditctl $r -k whence >/dev/null; done < "$W/rules"
K0=$(ticks "$(kauditd)"); A0=$(ticks $AUDITD_PID); L0=$(lost); T0=$(date +%s.%N)
"$W/wburst" "$N" 0
T1=$(date +%s.%N); idle_wait $AUDITD_PID
A1=$(ticks $AUDITD_PID); K1=$(ticks "$(kauditd)"); L1=$(lost)
EV=$(grep -c '^type=SYSCALL .* syscall=110 .*comm="wburst"' "$W/auditd/audit.log" || true)
ALL=$(grep -c '^type=SYSCALL ' "$W/auditd/audit.log" || true)
echo "A auditd: burst ${N} calls in $(echo "$T1 - $T0" | bc) s; $EV burst events, $ALL events in all logged; auditd cpu $(( (A1 - A0) * 1000 / HZ )) ms = $(echo "scale=2; ($A1 - $A0) * 1000000 / $HZ / $ALL" | bc) us/event; kauditd cpu $(( (K1 - K0) * 1000 / HZ )) ms; lost delta $((L1 - L0))"
auditctl -D -k whence >/dev/null
kill -TERM $AUDITD_PID; wait $AUDITD_PID || true; AUDITD_PID=
auditctl -b "$BL" --backlog_wait_time "$BW" >/dev/null; auditctl -e "$EN" >/dev/null
fi

# B: the collector is the netlink daemon (write-ahead spool, Kafka)
# -XX:PerMethodTrapLimit=0: what the whence launcher gives `collect`
java -XX:PerMethodTrapLimit=0 ${COLLECTOR_JAVA_OPTS:-} -Xmx256m -XX:+UseSerialGC -cp "$CP" dev.whence.app.Main collect --source linux-audit --mode netlink \
  --rules "$W/rules" --bootstrap "$BOOT" --host-id bench-$$ --data-dir "$W/data" --status-interval 5s \
  > "$W/collector.log" 2>&1 & COL_PID=$!
until grep -q 'whence collect: reading' "$W/collector.log"; do sleep 0.5; kill -0 $COL_PID; done
sleep 5; idle_wait $COL_PID
if [ "${WARMUP:-0}" -gt 0 ]; then "$W/wburst" "$WARMUP" 0; sleep 2; idle_wait $COL_PID; fi
[ -n "${JFR:-}" ] && jcmd $COL_PID JFR.start name=burst settings=profile >/dev/null
threads $COL_PID > "$W/threads0"
C0=$(ticks $COL_PID); K0=$(ticks "$(kauditd)"); L0=$(lost); T0=$(date +%s.%N)
echo "B burst starts $(date +%T.%N)"
"$W/wburst" "$N" "$RATE"
T1=$(date +%s.%N); echo "B burst ends $(date +%T.%N)"; idle_wait $COL_PID
C1=$(ticks $COL_PID); K1=$(ticks "$(kauditd)"); L1=$(lost)
threads $COL_PID > "$W/threads1"
[ -n "${JFR:-}" ] && jcmd $COL_PID JFR.stop name=burst filename="$JFR" >/dev/null
echo "B collector threads' cpu during the burst: $(thread_cpu "$W/threads0" "$W/threads1")"
jcmd $COL_PID GC.run >/dev/null; sleep 1
HEAP=$(jcmd $COL_PID GC.heap_info | grep -Eo 'used [0-9]+K' | head -3 | tr '\n' ' ')
RSS=$(awk '/VmRSS/{print $2/1024 " MiB"}' /proc/$COL_PID/status)
echo "B collector: burst ${N} calls in $(echo "$T1 - $T0" | bc) s; collector cpu $(( (C1 - C0) * 1000 / HZ )) ms ; kauditd cpu $(( (K1 - K0) * 1000 / HZ )) ms; lost delta $((L1 - L0)); heap after GC: $HEAP; RSS $RSS"
kill -TERM $COL_PID; wait $COL_PID || true; COL_PID=
grep -E 'collector closed|LOST|GAP|netlink drain|overrun' "$W/collector.log" | cut -c1-300 | tail -8
cp "$W/collector.log" /tmp/whence-bench-collector.log
EVB=$(grep -o 'eventsAssembled=[0-9]*' "$W/collector.log" | tail -1 | cut -d= -f2)
EVB=$((EVB - ${WARMUP:-0}))
echo "B collector: $EVB events in the whole run (less the warm-up); $(echo "scale=2; ($C1 - $C0) * 1000000 / $HZ / $EVB" | bc) us/event (upper bound: the run's events include the start)"
echo "load after: $(cut -d" " -f1-3 /proc/loadavg); uptime: $(uptime)"
