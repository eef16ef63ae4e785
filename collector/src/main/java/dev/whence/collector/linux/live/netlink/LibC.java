package dev.whence.collector.linux.live.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The few libc socket calls the audit netlink protocol needs (Linux, LP64). */
interface LibC extends Library {

  LibC INSTANCE = Native.load("c", LibC.class);

  int AF_NETLINK = 16;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 0x80000;
  int NETLINK_AUDIT = 9;
  int SOL_SOCKET = 1;
  int SO_RCVBUF = 8;
  int SO_RCVTIMEO = 20;
  int SO_RCVBUFFORCE = 33;
  int MSG_WAITFORONE = 0x10000;
  int MSG_TRUNC = 0x20;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int bind(int fd, byte[] address, int addressLength) throws LastErrorException;

  int getsockname(int fd, byte[] address, IntByReference addressLength) throws LastErrorException;

  int setsockopt(int fd, int level, int name, byte[] value, int valueLength)
      throws LastErrorException;

  long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
      throws LastErrorException;

  long recvfrom(
      int fd, Pointer buffer, long length, int flags, byte[] address, IntByReference addressLength)
      throws LastErrorException;

  int close(int fd) throws LastErrorException;

  int getpid();

  int setpriority(int which, int who, int priority) throws LastErrorException;
}
