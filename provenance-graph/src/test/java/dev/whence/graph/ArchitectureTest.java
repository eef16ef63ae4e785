package dev.whence.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.whence.graph", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsFreeOfKafkaAndAvro =
      noClasses()
          .that()
          .resideInAPackage("dev.whence.graph..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.apache.avro..", "dev.whence.avro..")
          .because(
              "the provenance domain must stay pure Java: the Streams topology maps Avro and Kafka"
                  + " types onto it, never the other way round");

  @ArchTest
  static final ArchRule stateDoesNotDependOnTheBuilder =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.whence.graph.state..", "dev.whence.graph.model..", "dev.whence.graph.identity..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.whence.graph.build..")
          .because("the builder uses the model, identity and the state port, not the reverse");

  @ArchTest
  static final ArchRule noWallClock =
      noClasses()
          .that()
          .resideInAPackage("dev.whence.graph..")
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .because("the graph runs on event time so that replays give the same result");
}
