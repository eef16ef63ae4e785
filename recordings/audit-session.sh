# Sourced by the recording scripts: runs a private auditd with Whence's rules (or, with
# AUDIT_RECORDER=whence, Whence's own collector as the netlink audit daemon: `whence record`), and puts
# the host's audit settings back on any exit.
#
#   audit_session_start KEY NODE LOG   -- saves settings, starts auditd writing ENRICHED records to LOG
#                                         (lines prefixed node=NODE), installs audit-rules.sh under KEY
#   audit_session_stop                 -- removes rules by key, restores backlog settings and the enabled
#                                         flag, stops that auditd (idempotent; also run by the EXIT trap)
# Callers may set AUDIT_SESSION_CLEANUP to a function name run first by audit_session_stop.

audit_session_start() {
  _as_key=$1 _as_node=$2 _as_log=$3
  [ "$(id -u)" = 0 ] || { echo "needs root (kernel audit)" >&2; exit 1; }
  [ "${AUDIT_RECORDER:-auditd}" = whence ] || command -v auditd >/dev/null || { echo "needs auditd (apt-get install auditd)" >&2; exit 1; }
  pgrep -x auditd >/dev/null && { echo "an auditd is already running; stop it first" >&2; exit 1; }
  _as_conf=$(mktemp -d /tmp/whence-auditd.XXXXXX)
  _as_enabled=$(auditctl -s | awk '/^enabled/{print $2}')
  _as_backlog=$(auditctl -s | awk '/^backlog_limit/{print $2}')
  _as_wait=$(auditctl -s | awk '/^backlog_wait_time /{print $2}')
  _as_pid=
  trap audit_session_stop EXIT
  if [ "${AUDIT_RECORDER:-auditd}" = whence ]; then
    # Whence's collector reads the kernel as the audit daemon and installs its own rule profile
    # (key "whence"); it applies and restores the backlog settings itself.
    "$(dirname "${BASH_SOURCE[0]}")/../whence" record --output "$_as_log" --host "$_as_node" \
      --mode netlink --profile "${AUDIT_RULES_PROFILE:-standard}" --data-dir "$_as_conf/data" \
      2>"$_as_conf/record.err" &
    _as_pid=$!
    for _ in $(seq 600); do
      grep -q 'whence record: recording' "$_as_conf/record.err" 2>/dev/null && break
      kill -0 "$_as_pid" 2>/dev/null || { cat "$_as_conf/record.err" >&2; exit 1; }
      sleep 0.2
    done
    sleep 0.5
    return 0
  fi
  mkdir -p "$_as_conf/plugins.d"
  cat > "$_as_conf/auditd.conf" <<CONF
local_events = yes
write_logs = yes
log_file = $_as_log
log_format = ENRICHED
flush = INCREMENTAL_ASYNC
freq = 50
max_log_file = 2000
num_logs = 2
max_log_file_action = IGNORE
name_format = USER
name = $_as_node
space_left = 75
space_left_action = IGNORE
admin_space_left = 50
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = IGNORE
plugin_dir = $_as_conf/plugins.d
q_depth = 2000
overflow_action = IGNORE
end_of_event_timeout = 2
CONF
  auditctl -b 8192 --backlog_wait_time 60000 >/dev/null
  auditd -n -c "$_as_conf" &
  _as_pid=$!
  sleep 1
  auditctl -e 1 >/dev/null
  "$(dirname "${BASH_SOURCE[0]}")/audit-rules.sh" "$_as_key" "${AUDIT_RULES_PROFILE:-standard}"
  sleep 0.5
}

audit_session_stop() {
  set +e
  [ -n "${AUDIT_SESSION_CLEANUP:-}" ] && "$AUDIT_SESSION_CLEANUP"
  [ -n "${_as_key:-}" ] || return 0
  sleep 2
  if [ -n "$_as_pid" ] && [ "${AUDIT_RECORDER:-auditd}" = whence ]; then
    kill -TERM "$_as_pid" 2>/dev/null && wait "$_as_pid" 2>/dev/null
    cat "$_as_conf/record.err" >&2
    _as_pid=
  fi
  auditctl -D -k "$_as_key" >/dev/null 2>&1
  auditctl -D -k "$_as_key-tamper" >/dev/null 2>&1
  auditctl -b "$_as_backlog" --backlog_wait_time "$_as_wait" >/dev/null
  [ -n "$_as_pid" ] && kill -TERM "$_as_pid" 2>/dev/null && wait "$_as_pid" 2>/dev/null
  auditctl -e "$_as_enabled" >/dev/null
  rm -rf "$_as_conf"
  _as_key=
}
