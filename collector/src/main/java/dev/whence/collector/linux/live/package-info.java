/**
 * The Linux collector's live source: kernel audit read as the netlink audit daemon or from the
 * files auditd writes, the never-drop kernel settings and their guaranteed restoration, the rule
 * profiles, host checks and the serial gap across restarts.
 */
package dev.whence.collector.linux.live;
