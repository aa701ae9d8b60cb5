/**
 * The simulated ARI server (REST on vertx-web + the events WebSocket), modelled on the Asterisk
 * 22.10.1 captures. It shares {@link io.github.vertxasterisk.sim.pbx.PbxState} with the AMI side:
 * channels it creates are listed by AMI, and a dialplan {@code Stasis()} step reached by an AMI
 * call starts the application over ARI. Entry point: {@link io.github.vertxasterisk.sim.ari.AriServer}.
 */
package io.github.vertxasterisk.sim.ari;
