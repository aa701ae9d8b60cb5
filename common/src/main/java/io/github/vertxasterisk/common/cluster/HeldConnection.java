package io.github.vertxasterisk.common.cluster;

import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.StatusChannel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import java.util.function.Function;

/**
 * One PBX connection on this node, driven by its {@link HolderElection}: on standby it only reports
 * {@code standby}; as holder it runs a session and registers the service that fronts it. Only the
 * holder registers the service, so calls never reach a node without the connection.
 *
 * @param <T> the service interface ({@code AmiService}, {@code AriService})
 */
public final class HeldConnection<T> implements HolderElection.Candidate {

  /** What one holding term runs: the connection to Asterisk. */
  public interface Session {
    void start();

    /** Closes the connection and reports {@code finalState} on {@code .status}. */
    Future<Void> stop(ConnectionState finalState, String reason);
  }

  /** A session and the service implementation that answers through it. */
  public record Term<T>(Session session, T service) {
  }

  private final Vertx vertx;
  private final Class<T> serviceType;
  private final String serviceAddress;
  private final StatusChannel status;
  private final Function<HolderTerm, Term<T>> openTerm;
  private final HolderElection election;
  private Session session;
  private MessageConsumer<JsonObject> service;
  private boolean stopping;
  /** The end of the last term (its session closing); done when none is ending. */
  private Future<Void> termEnded = Future.succeededFuture();
  private boolean stoppedReported;

  /**
   * @param serviceAddress the service proxy's address, also the election's key
   * @param openTerm creates (without starting) the session of a new term and its service
   */
  public HeldConnection(Vertx vertx, Class<T> serviceType, String serviceAddress, StatusChannel status,
      HolderOptions holderOptions, Function<HolderTerm, Term<T>> openTerm) {
    this.vertx = vertx;
    this.serviceType = serviceType;
    this.serviceAddress = serviceAddress;
    this.status = status;
    this.openTerm = openTerm;
    this.election = new HolderElection(vertx, serviceAddress, holderOptions, this);
  }

  public void start() {
    status.publish(ConnectionState.STANDBY, 0, "waiting to hold the connection", new JsonObject());
    election.start();
  }

  @Override
  public Future<Void> takeOver(HolderTerm term) {
    Term<T> opened;
    try {
      opened = openTerm.apply(term);
    } catch (RuntimeException e) {
      return Future.failedFuture(e); // the election steps down and gives the lock back
    }
    session = opened.session();
    service = new ServiceBinder(vertx).setAddress(serviceAddress).addInterceptor(new ServiceRequestCheck(serviceType))
      .register(serviceType, opened.service());
    session.start();
    return service.completion();
  }

  @Override
  public Future<Void> stepDown(String reason) {
    return stopping ? endTerm(ConnectionState.STOPPED, reason) : endTerm(ConnectionState.STANDBY, reason);
  }

  /**
   * Undeploy: hand the connection over at once (releasing the lock), then report {@code stopped}, also
   * on standby, and after a step-down still under way (its session reports {@code standby} when closed).
   */
  public Future<Void> stop() {
    stopping = true;
    return election.stop().eventually(() -> endTerm(ConnectionState.STOPPED, null)).eventually(() -> termEnded)
      .andThen(ar -> {
        if (!stoppedReported) {
          status.publish(ConnectionState.STOPPED, 0, null, new JsonObject());
        }
      });
  }

  private Future<Void> endTerm(ConnectionState finalState, String reason) {
    Session ending = session;
    MessageConsumer<JsonObject> registered = service;
    if (ending == null) {
      return Future.succeededFuture();
    }
    session = null;
    service = null;
    stoppedReported = finalState == ConnectionState.STOPPED;
    Future<Void> unregistered = registered == null ? Future.succeededFuture() : registered.unregister();
    termEnded = unregistered.eventually(() -> ending.stop(finalState, reason));
    return termEnded;
  }
}
