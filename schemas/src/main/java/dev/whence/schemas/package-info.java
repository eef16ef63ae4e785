/**
 * Topic registry ({@link dev.whence.schemas.Topics}), registry-free Avro serdes ({@link
 * dev.whence.schemas.AvroSerde}, failing with {@link dev.whence.schemas.RecordDecodingException})
 * and the released schema versions ({@link dev.whence.schemas.SchemaHistory}) for the records of
 * {@code dev.whence.avro}.
 */
package dev.whence.schemas;
