/**
 * The picocli commands of {@code whence}, one class per subcommand; each receives a validated
 * {@link dev.whence.app.config.WhenceConfig} through {@link dev.whence.app.cli.WhenceCommand}.
 */
package dev.whence.app.cli;
