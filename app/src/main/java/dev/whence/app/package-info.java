/** The whence command line, the embedded broker and configuration. */
package dev.whence.app;
