/** The in-process single-node KRaft Kafka broker and creation of the Whence topics. */
package dev.whence.app.broker;
