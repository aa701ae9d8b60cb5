package io.github.vertxasterisk.sim.pbx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A simulated channel: the mutable snapshot Asterisk prints in every channel event.
 * Shared model so the AMI side (and later the ARI side) describe the same calls.
 */
public final class Channel {

  public static final String UNKNOWN = "<unknown>";

  private final String name;
  private final String uniqueid;
  private final String linkedid;
  private final String device;
  private final long createdAtMillis = System.currentTimeMillis();
  private final Map<String, String> variables = new LinkedHashMap<>();
  private int state;
  private String callerIdNum = UNKNOWN;
  private String callerIdName = UNKNOWN;
  private String connectedNum = UNKNOWN;
  private String connectedName = UNKNOWN;
  private String context;
  private String exten;
  private int priority = 1;
  private String application = "";
  private String appData = "";
  private Channel peer;
  private IntConsumer hangupHandler;

  public Channel(String name, String uniqueid, String linkedid, String device, int state, String context, String exten) {
    this.name = name;
    this.uniqueid = uniqueid;
    this.linkedid = linkedid;
    this.device = device;
    this.state = state;
    this.context = context;
    this.exten = exten;
  }

  /** Asterisk's ast_state2str for the states the simulator uses. */
  public static String stateDesc(int state) {
    switch (state) {
      case 0: return "Down";
      case 1: return "Rsrvd";
      case 2: return "OffHook";
      case 3: return "Dialing";
      case 4: return "Ring";
      case 5: return "Ringing";
      case 6: return "Up";
      case 7: return "Busy";
      default: return "Unknown";
    }
  }

  public String name() { return name; }
  public String uniqueid() { return uniqueid; }
  public String linkedid() { return linkedid; }
  /** Device of the channel ("Local/100@test") used by DeviceStateChange. */
  public String device() { return device; }
  public long createdAtMillis() { return createdAtMillis; }
  public Map<String, String> variables() { return variables; }
  public int state() { return state; }
  public String stateDesc() { return stateDesc(state); }
  public String callerIdNum() { return callerIdNum; }
  public String callerIdName() { return callerIdName; }
  public String connectedNum() { return connectedNum; }
  public String connectedName() { return connectedName; }
  public String context() { return context; }
  public String exten() { return exten; }
  public int priority() { return priority; }
  public String application() { return application; }
  public String appData() { return appData; }
  public Channel peer() { return peer; }

  public Channel state(int v) { state = v; return this; }
  public Channel callerId(String num, String nameValue) { callerIdNum = num; callerIdName = nameValue; return this; }
  public Channel connected(String num, String nameValue) { connectedNum = num; connectedName = nameValue; return this; }
  public Channel location(String ctx, String ext, int prio) { context = ctx; exten = ext; priority = prio; return this; }
  public Channel priority(int v) { priority = v; return this; }
  public Channel app(String app, String data) { application = app; appData = data; return this; }
  public Channel peer(Channel v) { peer = v; return this; }

  /** Who hangs this channel up when asked (cause code): the AMI call or the ARI call that owns it. */
  public IntConsumer hangupHandler() { return hangupHandler; }
  public Channel hangupHandler(IntConsumer v) { hangupHandler = v; return this; }
}
