package dev.whence.graph.model;

/**
 * What an event did. Mirrors the symbols of the Avro {@code dev.whence.avro.Operation} enum one to
 * one and in the same order, so the integrator maps them by name.
 */
public enum Operation {
  EXECUTE,
  FORK,
  CLONE,
  EXIT,
  OPEN,
  CREATE_OBJECT,
  READ,
  WRITE,
  CLOSE,
  DUP,
  CONNECT,
  ACCEPT,
  BIND,
  LISTEN,
  SENDTO,
  RECVFROM,
  SENDMSG,
  RECVMSG,
  RENAME,
  UNLINK,
  LINK,
  TRUNCATE,
  MODIFY_FILE_ATTRIBUTES,
  CHANGE_PRINCIPAL,
  MMAP,
  MPROTECT,
  LOADLIBRARY,
  LOADMODULE,
  UNLOADMODULE,
  SIGNAL,
  PTRACE,
  MOUNT,
  UMOUNT,
  LOGIN,
  LOGOUT,
  AUTHENTICATE,
  USER_COMMAND,
  CONFIG_CHANGE,
  DAEMON,
  ANOMALY,
  OTHER
}
