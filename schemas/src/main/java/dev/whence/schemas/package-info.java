/**
 * Topic registry ({@link dev.whence.schemas.Topics}), registry-free Avro serdes ({@link
 * dev.whence.schemas.AvroSerde}, failing with {@link dev.whence.schemas.RecordDecodingException})
 * and the released schema versions ({@link dev.whence.schemas.SchemaHistory}) for the records of
 * {@code dev.whence.avro}. The hottest records (Event, Edge, Node) of the current schema are
 * written and read by hand-written codecs that follow their schema field by field ({@code
 * EventCodec}, {@code EdgeCodec}, {@code NodeCodec}); a test fails when a schema moves away from
 * them.
 */
package dev.whence.schemas;
