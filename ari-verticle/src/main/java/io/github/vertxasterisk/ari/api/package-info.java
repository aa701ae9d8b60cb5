/**
 * The public contract of the ARI verticle: {@link io.github.vertxasterisk.ari.api.AriService} (a Vert.x
 * service proxy), {@link io.github.vertxasterisk.ari.api.AriAddresses} and
 * {@link io.github.vertxasterisk.ari.api.AriErrorCode}. Client applications depend on this package only.
 */
@ModuleGen(name = "vertx-asterisk-ari", groupPackage = "io.github.vertxasterisk.ari")
package io.github.vertxasterisk.ari.api;

import io.vertx.codegen.annotations.ModuleGen;
