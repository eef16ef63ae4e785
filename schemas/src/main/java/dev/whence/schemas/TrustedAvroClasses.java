package dev.whence.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate the generated classes of {@code dev.whence.avro} without any system
 * property: Avro 1.12.2 refuses classes outside {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
 *
 * <p>The global validator is extended, never replaced: whatever it trusted before stays trusted,
 * and only top-level classes of {@value #PACKAGE_PREFIX} are added.
 */
final class TrustedAvroClasses {

  static final String PACKAGE_PREFIX = "dev.whence.avro.";

  private static boolean installed;

  private TrustedAvroClasses() {}

  /** Adds the generated record package to Avro's global class validator, once per class loader. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    var previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(previous, TrustedAvroClasses::isGeneratedRecordClass));
    installed = true;
  }

  static boolean isGeneratedRecordClass(Class<?> type) {
    String name = type.getName();
    return name.startsWith(PACKAGE_PREFIX) && name.indexOf('.', PACKAGE_PREFIX.length()) < 0;
  }
}
