#!/usr/bin/env python3
"""Attributes a network namespace's processes in a recorded audit log to a second host.

    split-netns-host.py IN.log OUT.log NAMESPACE REMOTE_NODE INITIAL_PIDS_FILE

One kernel audits both this machine and the network namespace that plays the "remote" host in
record-demo.sh, so every record carries the same node= name. This step rewrites the node= prefix of
every record of the namespace's processes to REMOTE_NODE, so that the recording replays as two hosts
(the way two collectors would publish it): the processes listed in INITIAL_PIDS_FILE (`ip netns pids
NAMESPACE` when recording began), every process that `ip netns exec NAMESPACE ...` turned into (after
its exec of ip, which the calling host made), and their descendants (fork, vfork, clone, clone3),
until they exit. Nothing else changes: the two hosts share the kernel's serial numbers, so each sees
the other's serials as gaps.
"""
import re
import sys

SERIAL = re.compile(rb"msg=audit\(\d+\.\d+:(\d+)\)")
FIELD = re.compile(rb"(?:^|\s)([a-zA-Z0-9_]+)=(\"[^\"]*\"|\S+)")
NODE = re.compile(rb"^node=\S+ ")
FORKS = {b"56", b"57", b"58", b"435"}  # clone, fork, vfork, clone3 (x86_64)
EXITS = {b"60", b"231"}  # exit, exit_group
EXECVE = {b"59", b"322"}


def fields(line):
    body = line.split(b"\x1d", 1)[0]
    return {k: v for k, v in FIELD.findall(body)}


def arg(value):
    if value.startswith(b'"'):
        return value[1:-1]
    try:
        return bytes.fromhex(value.decode())
    except ValueError:
        return value


def main(src, dst, namespace, remote, pids_file):
    with open(pids_file, "rb") as f:
        remote_pids = {int(p) for p in f.read().split() if p.isdigit()}
    lines = open(src, "rb").read().split(b"\n")
    events = {}
    for line in lines:
        m = SERIAL.search(line)
        if not m:
            continue
        serial = int(m.group(1))
        e = events.setdefault(serial, {})
        kind = re.search(rb"type=(\S+)", line)
        kind = kind.group(1) if kind else b""
        f = fields(line)
        if kind == b"SYSCALL":
            e["syscall"] = f
        elif kind == b"EXECVE":
            argc = int(f.get(b"argc", b"0"))
            e["argv"] = [arg(f.get(b"a%d" % i, b"")) for i in range(min(argc, 6))]
    host_of = {}
    entering = set()
    for serial in sorted(events):
        e = events[serial]
        sc = e.get("syscall")
        if sc is None or not sc.get(b"pid", b"").isdigit():
            continue
        pid = int(sc[b"pid"])
        number = sc.get(b"syscall", b"")
        if pid in entering and number not in EXECVE:
            entering.discard(pid)
            remote_pids.add(pid)
        if pid in remote_pids:
            host_of[serial] = remote
        argv = e.get("argv", [])
        if (
            number in EXECVE
            and len(argv) >= 4
            and argv[0].endswith(b"ip")
            and argv[1:4] == [b"netns", b"exec", namespace.encode()]
        ):
            entering.add(pid)
        elif number in EXECVE and pid in entering:
            entering.discard(pid)
            remote_pids.add(pid)
            host_of[serial] = remote
        if pid in remote_pids and number in FORKS and sc.get(b"success") == b"yes":
            child = sc.get(b"exit", b"")
            if child.isdigit():
                remote_pids.add(int(child))
        if pid in remote_pids and number in EXITS:
            remote_pids.discard(pid)
    prefix = b"node=" + remote.encode() + b" "
    moved = 0
    with open(dst, "wb") as out:
        for i, line in enumerate(lines):
            m = SERIAL.search(line)
            if m and int(m.group(1)) in host_of:
                line = NODE.sub(b"", line, count=1)
                line = prefix + line
                moved += 1
            out.write(line)
            if i < len(lines) - 1:
                out.write(b"\n")
    print(f"{moved} of {len(lines)} lines attributed to {remote}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
