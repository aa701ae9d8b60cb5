package io.github.vertxasterisk.ari.impl.spec;

/** One documented error answer of an operation, e.g. 404 "Channel not found". */
public record AriErrorResponse(int code, String reason) {
}
