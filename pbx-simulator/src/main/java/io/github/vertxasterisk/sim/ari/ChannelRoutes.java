package io.github.vertxasterisk.sim.ari;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /channels}: originate, create, get, hangup and the in-Stasis operations (02-errors texts). */
final class ChannelRoutes {

  static final String NOT_IN_STASIS = "Channel not in Stasis application";
  private static final Pattern CALLER_ID = Pattern.compile("\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*");
  private static final Map<String, Integer> REASON_CAUSE = Map.of("normal", 16, "busy", 17,
      "congestion", 34, "no_answer", 19, "timeout", 18, "rejected", 21, "unallocated", 1,
      "answered_elsewhere", 26, "failure", 38);

  private final AriWorld world;

  ChannelRoutes(AriWorld world) {
    this.world = world;
  }

  void register(RouteTable t) {
    t.add(GET, "/channels", r -> AriHttp.ok(r.ctx, list()));
    t.add(POST, "/channels", r -> originate(r, r.param("channelId"), true));
    t.add(POST, "/channels/create", r -> originate(r, r.param("channelId"), false));
    t.add(GET, "/channels/:channelId", r -> withChannel(r, c -> AriHttp.ok(r.ctx, AriJson.channel(c))));
    t.add(POST, "/channels/:channelId", r -> originate(r, r.path("channelId"), true));
    t.add(DELETE, "/channels/:channelId", this::hangup);
    t.add(POST, "/channels/:channelId/continue", r -> inStasis(r, c -> {
      world.calls.continueInDialplan(c, r.param("context"), r.param("extension"), r.intParam("priority", null));
      AriHttp.noContent(r.ctx);
    }));
    t.add(POST, "/channels/:channelId/answer", r -> inStasis(r, c -> {
      world.calls.answer(c);
      AriHttp.noContent(r.ctx);
    }));
    for (String noEvent : List.of("ring", "hold", "mute", "moh")) {
      t.add(POST, "/channels/:channelId/" + noEvent, r -> inStasis(r, c -> AriHttp.noContent(r.ctx)));
      t.add(DELETE, "/channels/:channelId/" + noEvent, r -> inStasis(r, c -> AriHttp.noContent(r.ctx)));
    }
    t.add(POST, "/channels/:channelId/dtmf", this::dtmf);
    t.add(POST, "/channels/:channelId/play", r -> play(r, r.param("playbackId")));
    t.add(POST, "/channels/:channelId/play/:playbackId", r -> play(r, r.path("playbackId")));
    t.add(POST, "/channels/:channelId/record", this::record);
    t.add(GET, "/channels/:channelId/variable", this::getVariable);
    t.add(POST, "/channels/:channelId/variable", this::setVariable);
  }

  private JsonArray list() {
    JsonArray out = new JsonArray();
    world.pbx.channelsNewestFirst().forEach(c -> out.add(AriJson.channel(c)));
    return out;
  }

  private void withChannel(AriRequest r, java.util.function.Consumer<Channel> action) {
    Channel c = world.channel(r.path("channelId"));
    if (c == null) {
      AriHttp.error(r.ctx, 404, "Channel not found");
    } else {
      action.accept(c);
    }
  }

  private void inStasis(AriRequest r, java.util.function.Consumer<Channel> action) {
    withChannel(r, c -> {
      if (!world.calls.inStasis(c)) {
        AriHttp.error(r.ctx, 409, NOT_IN_STASIS);
      } else {
        action.accept(c);
      }
    });
  }

  private void originate(AriRequest r, String channelId, boolean dial) {
    String endpoint = r.param("endpoint");
    String app = r.param("app");
    String extension = r.param("extension");
    if (endpoint == null) {
      AriHttp.error(r.ctx, 400, "Endpoint must be specified");
      return;
    }
    if (app == null && (extension == null || !dial)) {
      AriHttp.error(r.ctx, 400, dial ? "Application or extension must be specified" : "Application must be specified");
      return;
    }
    int slash = endpoint.indexOf('/');
    if (slash <= 0 || slash == endpoint.length() - 1) {
      AriHttp.error(r.ctx, 400, "Invalid endpoint specified");
      return;
    }
    if (!endpoint.substring(0, slash).equalsIgnoreCase("Local")) {
      AriHttp.json(r.ctx, 500, new JsonObject().put("error", "Allocation failed"));
      return;
    }
    String otherId = r.param("otherChannelId");
    if (world.calls.idInUse(channelId) || world.calls.idInUse(otherId)) {
      AriHttp.error(r.ctx, 409, "Channel with given unique ID already exists");
      return;
    }
    String resource = endpoint.substring(slash + 1);
    int at = resource.indexOf('@');
    String exten = at < 0 ? resource : resource.substring(0, at);
    String context = at < 0 ? "default" : resource.substring(at + 1);
    String cid = r.param("callerId");
    String cidName = null;
    String cidNum = null;
    if (cid != null) {
      Matcher m = CALLER_ID.matcher(cid);
      if (m.matches()) {
        cidName = m.group(1).trim();
        cidNum = m.group(2).trim();
      } else {
        cidNum = cid.trim();
      }
    }
    String dpContext = r.param("context") != null ? r.param("context") : "default";
    OriginateSpec spec = new OriginateSpec(exten, context, app, app == null ? List.of() : r.list("appArgs"),
        dpContext, extension, r.intParam("priority", 1), cidName, cidNum, r.variables(), channelId, otherId);
    AriHttp.ok(r.ctx, world.calls.originate(spec, dial));
  }

  private void hangup(AriRequest r) {
    withChannel(r, c -> {
      Integer code = r.intParam("reason_code", null);
      String reason = r.param("reason");
      int cause = code != null ? code : REASON_CAUSE.getOrDefault(reason == null ? "normal" : reason, 16);
      AriHttp.noContent(r.ctx);
      world.calls.hangupRequested(c, cause);
    });
  }

  private void dtmf(AriRequest r) {
    String dtmf = r.param("dtmf");
    if (dtmf == null) {
      AriHttp.error(r.ctx, 400, "DTMF is required");
      return;
    }
    inStasis(r, c -> {
      int before = r.intParam("before", 0);
      int between = r.intParam("between", 100);
      int duration = r.intParam("duration", 100);
      AriHttp.noContent(r.ctx);
      world.calls.sendDtmf(c, dtmf, before, between, duration);
    });
  }

  private void play(AriRequest r, String playbackId) {
    List<String> media = r.list("media");
    if (media.isEmpty()) {
      AriHttp.error(r.ctx, 400, "Missing parameter media");
      return;
    }
    inStasis(r, c -> {
      String id = playbackId != null ? playbackId : UUID.randomUUID().toString();
      String lang = r.param("lang") != null ? r.param("lang") : "en";
      Playback p = new Playback(id, media, lang, c.uniqueid(), null);
      world.playbacks.register(p);
      AriHttp.created(r.ctx, "/ari/playbacks/" + id, p.toJson());
      world.playbacks.start(p);
    });
  }

  private void record(AriRequest r) {
    String name = r.param("name");
    String format = r.param("format");
    if (name == null || format == null) {
      AriHttp.error(r.ctx, 400, name == null ? "Recording name is required" : "Recording format is required");
      return;
    }
    inStasis(r, c -> {
      String ifExists = r.param("ifExists") == null ? "fail" : r.param("ifExists");
      if (world.recordings.isLive(name) || (world.recordings.exists(name) && "fail".equals(ifExists))) {
        AriHttp.error(r.ctx, 409, "Recording with the same name already exists");
        return;
      }
      JsonObject rec = world.recordings.start(name, format, c.uniqueid());
      AriHttp.created(r.ctx, "/ari/recordings/live/" + name, rec);
    });
  }

  private void getVariable(AriRequest r) {
    String variable = r.param("variable");
    if (variable == null) {
      AriHttp.error(r.ctx, 400, "Variable name is required");
      return;
    }
    withChannel(r, c -> {
      String value = switch (variable) {
        case "CALLERID(num)" -> AriJson.channel(c).getJsonObject("caller").getString("number");
        case "CALLERID(name)" -> AriJson.channel(c).getJsonObject("caller").getString("name");
        default -> c.variables().get(variable);
      };
      if (value == null) {
        AriHttp.error(r.ctx, 404, "Provided variable was not found");
      } else {
        AriHttp.ok(r.ctx, new JsonObject().put("value", value));
      }
    });
  }

  private void setVariable(AriRequest r) {
    String variable = r.param("variable");
    if (variable == null) {
      AriHttp.error(r.ctx, 400, "Variable name is required");
      return;
    }
    inStasis(r, c -> {
      String value = r.param("value") == null ? "" : r.param("value");
      AriHttp.noContent(r.ctx);
      world.calls.setVariable(c, variable, value);
    });
  }
}
