package io.github.vertxasterisk.node.demo;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.common.ConfigValues;
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
 * {@code media} and hangs up when the playback finishes, or after {@code maxCallMs}: for a media it
 * cannot play (an unknown scheme) Asterisk still answers 201 and never finishes the playback (INDEX
 * ARI item 7). It holds no connection of its own: deploy it on any node.
 *
 * <p>Config: {@code prefix}, {@code pbx}, {@code app} ("demo-app"), {@code endpoint} ("Local/400@test"),
 * {@code media} ("sound:hello-world"), {@code callEveryMs} (10000), {@code maxCallMs} (30000).
 */
public final class HelloStasisApp extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(HelloStasisApp.class.getName());

  private AriAddresses pbx;
  private AriService ari;
  private String app;
  private String media;
  private long maxCallMs;

  @Override
  public Future<?> start() {
    JsonObject c = config();
    pbx = AriAddresses.of(c.getString("prefix", "asterisk"), c.getString("pbx", "pbx1"));
    ari = AriService.createProxy(vertx, pbx.service());
    app = c.getString("app", "demo-app");
    media = c.getString("media", "sound:hello-world");
    maxCallMs = ConfigValues.positive(c, "demo.stasisApp", "maxCallMs", 30_000L);
    long callEveryMs = ConfigValues.positive(c, "demo.stasisApp", "callEveryMs", 10_000L);
    String endpoint = c.getString("endpoint", "Local/400@test");
    vertx.setPeriodic(callEveryMs, id -> ari.originate(new JsonObject().put("endpoint", endpoint).put("app", app))
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
    Runnable end = once(() -> {
      playback.unregister();
      ari.hangup(channelId, null);
    });
    long giveUp = vertx.setTimer(maxCallMs, t -> {
      LOG.warning("demo call " + channelId + ": no PlaybackFinished within " + maxCallMs + " ms (can Asterisk play " + media + "?)");
      end.run();
    });
    playback.handler(event -> {
      if ("PlaybackFinished".equals(event.body().getString("type"))) {
        vertx.cancelTimer(giveUp);
        end.run();
      }
    });
    playback.completion()
      .compose(v -> ari.answer(channelId))
      .compose(v -> ari.play(channelId, media, playbackId))
      .onFailure(err -> {
        LOG.warning("demo call " + channelId + ": " + err.getMessage());
        vertx.cancelTimer(giveUp);
        end.run();
      });
  }

  /** The call ends once, whichever comes first: the playback's end, the time limit or a failure. */
  private static Runnable once(Runnable action) {
    boolean[] done = {false};
    return () -> {
      if (!done[0]) {
        done[0] = true;
        action.run();
      }
    };
  }
}
