/** JMH benchmarks of Whence; build with {@code mvn -Pbench -pl tests -am package -DskipTests}. */
package dev.whence.bench;
