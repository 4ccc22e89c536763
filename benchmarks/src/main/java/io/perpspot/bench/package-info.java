/** JMH benchmarks, each beside its baseline, and the end-to-end latency harness. */
package io.perpspot.bench;

