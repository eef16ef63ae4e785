#!/usr/bin/env bash
# The audit rules used for the bundled recordings (Whence's "standard" profile at the time of recording).
# Usage: audit-rules.sh KEY [standard|full]  -- installs the rules, each tagged with -k KEY.
# standard: opens with write or create intent only; full: every open, plus read and write.
set -euo pipefail
key=${1:?key}
profile=${2:-standard}
add() { auditctl -a always,exit -F arch=b64 "$@" -k "$key"; }
add -S execve,execveat
add -S fork,vfork,clone,clone3
add -S exit_group
if [ "$profile" = full ]; then
  add -S open,creat,openat,openat2,close
  add -S read,write,pread,pwrite,readv,writev,preadv,pwritev
else
  add -S open,creat -F a1\&67
  add -S openat,openat2 -F a2\&67
fi
add -S connect,accept,accept4,bind,listen
add -S sendto,sendmsg -F success=1
add -S rename,renameat,renameat2,unlink,unlinkat,rmdir,link,linkat,symlink,symlinkat
add -S truncate,ftruncate
add -S chmod,fchmod,fchmodat,chown,fchown,fchownat,lchown
add -S setuid,setgid,setreuid,setregid,setresuid,setresgid,capset
add -S mmap,mprotect -F a2\&4
add -S kill,tkill,tgkill,ptrace
add -S init_module,finit_module,delete_module
add -S mount,umount2
add -S utimensat,utimes,futimesat
add -S pipe,pipe2,dup,dup2,dup3
# Sensitive reads that the write-only open filter above would miss.
for p in /etc/shadow /etc/gshadow /etc/sudoers /root/.ssh; do
  [ -e "$p" ] && auditctl -w "$p" -p r -k "$key"
done
exit 0
