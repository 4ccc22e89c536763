/**
 * The Javalin dashboard sidecar: tails a journal's input and output queues and serves the
 * Chart.js pages and the JSON API. Not built yet (issue 5); the module exists so the layout
 * and the launcher's class path are in place.
 */
package io.perpspot.dashboard;
