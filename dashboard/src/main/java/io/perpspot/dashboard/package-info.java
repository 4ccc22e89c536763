/**
 * The Javalin dashboard sidecar: tails a journal's input and output queues and serves the
 * Chart.js pages, the JSON API and the WebSocket push. This root package is the top room: the
 * wiring ({@link io.perpspot.dashboard.Dashboard}), the commands and the sidecar provider. Below
 * it, bottom first: {@code core} (settings, the JSON mapper, band names), {@code seam} (the
 * engine's simulation and latency) and {@code state} (the journal folded into a picture),
 * {@code push} (the WebSocket fan-out), {@code api} (the HTTP routes); DashboardArchitectureTest
 * keeps that order.
 */
package io.perpspot.dashboard;
