/**
 * The Kafka mirror of a perpspot journal (issue 20, docs/journal-format.md): it reads the journal only, never the
 * ring, and produces its records unchanged to {@code <prefix>.input} and {@code <prefix>.output}.
 */
package io.perpspot.mirror.kafka;
