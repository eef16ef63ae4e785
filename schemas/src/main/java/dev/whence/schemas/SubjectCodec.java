package dev.whence.schemas;

import static dev.whence.schemas.WireValues.readNullableInt;
import static dev.whence.schemas.WireValues.readNullableLong;
import static dev.whence.schemas.WireValues.readNullableString;
import static dev.whence.schemas.WireValues.writeNullableInt;
import static dev.whence.schemas.WireValues.writeNullableLong;
import static dev.whence.schemas.WireValues.writeNullableString;

import dev.whence.avro.Subject;
import java.io.IOException;

/** The body of a {@link Subject} nested in an event, field by field in schema order. */
final class SubjectCodec {

  private SubjectCodec() {}

  static void encode(Subject subject, ByteArrayEncoder out) {
    out.writeInt(subject.getPid());
    writeNullableInt(out, subject.getTid());
    writeNullableInt(out, subject.getPpid());
    writeNullableLong(out, subject.getUid());
    writeNullableLong(out, subject.getEuid());
    writeNullableLong(out, subject.getSuid());
    writeNullableLong(out, subject.getFsuid());
    writeNullableLong(out, subject.getGid());
    writeNullableLong(out, subject.getEgid());
    writeNullableLong(out, subject.getSgid());
    writeNullableLong(out, subject.getFsgid());
    writeNullableLong(out, subject.getAuid());
    writeNullableLong(out, subject.getSessionId());
    writeNullableString(out, subject.getComm());
    writeNullableString(out, subject.getExe());
    WireValues.writeStringArray(out, subject.getArgv());
    writeNullableString(out, subject.getCwd());
    writeNullableString(out, subject.getTty());
    writeNullableString(out, subject.getSourceUuid());
  }

  static Subject decode(ByteArrayDecoder in) throws IOException {
    Subject subject = new Subject();
    subject.setPid(in.readInt());
    subject.setTid(readNullableInt(in));
    subject.setPpid(readNullableInt(in));
    subject.setUid(readNullableLong(in));
    subject.setEuid(readNullableLong(in));
    subject.setSuid(readNullableLong(in));
    subject.setFsuid(readNullableLong(in));
    subject.setGid(readNullableLong(in));
    subject.setEgid(readNullableLong(in));
    subject.setSgid(readNullableLong(in));
    subject.setFsgid(readNullableLong(in));
    subject.setAuid(readNullableLong(in));
    subject.setSessionId(readNullableLong(in));
    subject.setComm(readNullableString(in));
    subject.setExe(readNullableString(in));
    subject.setArgv(WireValues.readStringArray(in));
    subject.setCwd(readNullableString(in));
    subject.setTty(readNullableString(in));
    subject.setSourceUuid(readNullableString(in));
    return subject;
  }
}
