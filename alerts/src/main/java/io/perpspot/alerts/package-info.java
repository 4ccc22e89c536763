/**
 * Alerts: a journal reader that turns opportunities and failovers into webhook messages. {@code rule} parses the
 * alerts file and decides (deterministically, from journaled records); {@code sink} delivers (one thread, queue and
 * rate limit per sink); the root wires them to a journal: the sidecar, the command and replay.
 */
package io.perpspot.alerts;
