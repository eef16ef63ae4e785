/** Topic registry and registry-free Avro serdes for the records of {@code dev.whence.avro}. */
package dev.whence.schemas;
