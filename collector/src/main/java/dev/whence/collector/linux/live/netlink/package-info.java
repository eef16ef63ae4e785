/**
 * The Linux audit netlink protocol through JNA: status (AUDIT_GET/AUDIT_SET), rule requests, record
 * type names, and reception of records as the registered audit daemon.
 */
package dev.whence.collector.linux.live.netlink;
