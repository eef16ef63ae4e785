/**
 * Kernel audit rules: the bundled profiles (auditctl syntax), their parser, the kernel's {@code
 * struct audit_rule_data} encoding, and installation and removal by key over netlink.
 */
package dev.whence.collector.linux.live.rules;
