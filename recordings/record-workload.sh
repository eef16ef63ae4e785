#!/usr/bin/env bash
# Records the Linux audit log of any command, with the real kernel audit and a private auditd.
#
#   sudo recordings/record-workload.sh OUT.log [--profile standard|full] -- COMMAND [ARG...]
#
# Used for the benchmark logs (see BENCHMARKS.md). The host's audit settings are restored on any exit.
set -uo pipefail
out=${1:?usage: record-workload.sh OUT.log [--profile P] -- COMMAND...}; shift
AUDIT_RULES_PROFILE=standard
[ "${1:-}" = --profile ] && { AUDIT_RULES_PROFILE=$2; shift 2; }
[ "${1:-}" = -- ] && shift
source "$(dirname "$0")/audit-session.sh"
log=$(mktemp -d /tmp/whence-workload.XXXXXX)/audit.log
audit_session_start whence-workload "$(hostname)" "$log"
"$@"
audit_session_stop
cp "$log" "$out" && rm -rf "$(dirname "$log")"
