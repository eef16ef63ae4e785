/** The running parts a subcommand composes: replay into Kafka, the topology, the demo, shutdown. */
package dev.whence.app.run;
