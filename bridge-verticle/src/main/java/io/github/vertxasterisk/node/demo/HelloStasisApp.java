package io.github.vertxasterisk.node.demo;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.ari.api.AriService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The demo's Stasis application, and a small example of one. Every {@code callEveryMs} it originates a
 * call into its application through {@link AriService}; the call's {@code StasisStart} reaches exactly
 * one handler in the cluster (the point-to-point {@code .stasis} address), which answers, plays
 * {@code media} and hangs up when the playback finishes. It holds no connection of its own: deploy it
 * on any node.
 *
 * <p>Config: {@code prefix}, {@code pbx}, {@code app} ("demo-app"), {@code endpoint} ("Local/400@test"),
 * {@code media} ("sound:hello-world"), {@code callEveryMs} (10000).
 */
public final class HelloStasisApp extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(HelloStasisApp.class.getName());

  private AriAddresses pbx;
  private AriService ari;
  private String app;
  private String media;

  @Override
  public Future<?> start() {
    JsonObject c = config();
    pbx = AriAddresses.of(c.getString("prefix", "asterisk"), c.getString("pbx", "pbx1"));
    ari = AriService.createProxy(vertx, pbx.service());
    app = c.getString("app", "demo-app");
    media = c.getString("media", "sound:hello-world");
    String endpoint = c.getString("endpoint", "Local/400@test");
    vertx.setPeriodic(c.getLong("callEveryMs", 10_000L), id -> ari.originate(new JsonObject().put("endpoint", endpoint).put("app", app))
      // not connected yet, or no holder for a moment: the next tick tries again
      .onFailure(err -> LOG.fine("demo call not placed: " + err.getMessage())));
    return vertx.eventBus().<JsonObject>consumer(pbx.stasis(app), this::onStasisStart).completion();
  }

  private void onStasisStart(Message<JsonObject> message) {
    message.reply(null);
    String channelId = message.body().getJsonObject("channel").getString("id");
    // A client-chosen playback id: we listen for its end before the playback exists.
    String playbackId = "hello-" + UUID.randomUUID();
    MessageConsumer<JsonObject> playback = vertx.eventBus().consumer(pbx.playback(playbackId));
    playback.handler(event -> {
      if ("PlaybackFinished".equals(event.body().getString("type"))) {
        playback.unregister();
        ari.hangup(channelId, null);
      }
    });
    playback.completion()
      .compose(v -> ari.answer(channelId))
      .compose(v -> ari.play(channelId, media, playbackId))
      .onFailure(err -> {
        LOG.warning("demo call " + channelId + ": " + err.getMessage());
        playback.unregister();
        ari.hangup(channelId, null);
      });
  }
}
