/**
 * The public contract of the AMI verticle: {@link io.github.vertxasterisk.ami.api.AmiService} (a Vert.x
 * service proxy) and {@link io.github.vertxasterisk.ami.api.AmiAddresses}. Client applications depend on
 * this package only.
 */
@ModuleGen(name = "vertx-asterisk-ami", groupPackage = "io.github.vertxasterisk.ami")
package io.github.vertxasterisk.ami.api;

import io.vertx.codegen.annotations.ModuleGen;
