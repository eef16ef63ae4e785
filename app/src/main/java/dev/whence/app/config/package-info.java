/**
 * Typed, validated configuration of Whence, loaded as defaults, then an optional file, then
 * command-line flags.
 */
package dev.whence.app.config;
