/**
 * Placeholder for the simulated ARI server (REST on vertx-web + WebSocket events), to be added later.
 * It should share {@link io.github.vertxasterisk.sim.pbx.PbxState} with the AMI side (see
 * {@code AmiServer#pbx()}) and be started from {@link io.github.vertxasterisk.sim.PbxSimulator}
 * next to the AMI server (config key {@code "ari"}).
 */
package io.github.vertxasterisk.sim.ari;
