/** Log levels of a Whence process, set from the environment and {@code --verbose}. */
package dev.whence.app.logging;
