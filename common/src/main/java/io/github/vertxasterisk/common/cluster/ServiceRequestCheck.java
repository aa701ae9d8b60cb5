package io.github.vertxasterisk.common.cluster;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceInterceptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the JSON types of a service call's parameters before the generated proxy handler casts them:
 * a bridge client builds the body by hand, and a string where a number or an object belongs would
 * otherwise reach it as a 500 with a ClassCastException's text. A wrong type, or a missing number, is a
 * {@code 400 bad-request} naming the parameter. Whether an absent object parameter is allowed stays the
 * service's own check.
 */
final class ServiceRequestCheck implements ServiceInterceptor {
  private final String serviceName;
  private final Map<String, Parameter[]> parametersByMethod = new HashMap<>();

  ServiceRequestCheck(Class<?> serviceType) {
    this.serviceName = serviceType.getSimpleName();
    for (Method method : serviceType.getMethods()) {
      if (!Modifier.isStatic(method.getModifiers()) && !method.isDefault()) {
        parametersByMethod.put(method.getName(), method.getParameters());
      }
    }
  }

  @Override
  public Future<Message<JsonObject>> intercept(Vertx vertx, Map<String, Object> context, Message<JsonObject> msg) {
    String method = msg.headers().get("action");
    Parameter[] parameters = method == null ? null : parametersByMethod.get(method);
    if (parameters == null) {
      return Future.failedFuture(FailureCode.BAD_REQUEST.exception(
        "the 'action' header must name a method of " + serviceName + ", got " + (method == null ? "none" : "'" + method + "'")));
    }
    Object raw = ((Message<?>) msg).body(); // the bus delivers whatever was sent, whatever the type says
    // No body is fine for a method without parameters; any other body that is not an object is refused
    // here, or the generated handler's own cast would answer it with a 500.
    if (raw == null ? parameters.length > 0 : !(raw instanceof JsonObject)) {
      return Future.failedFuture(FailureCode.BAD_REQUEST.exception(
        method + " needs a JSON object body holding its parameters by name"));
    }
    JsonObject body = raw == null ? new JsonObject() : (JsonObject) raw;
    for (Parameter parameter : parameters) {
      String problem = problem(parameter.getType(), body.getValue(parameter.getName()));
      if (problem != null) {
        return Future.failedFuture(FailureCode.BAD_REQUEST.exception(
          "'" + parameter.getName() + "' of " + method + " " + problem));
      }
    }
    return Future.succeededFuture(msg);
  }

  /** @return what is wrong with the value for a parameter of that type, or null */
  private static String problem(Class<?> type, Object value) {
    if (value == null) {
      return type.isPrimitive() ? "is required" : null;
    }
    if (type == String.class) {
      return value instanceof String ? null : "must be a string";
    }
    if (type == JsonObject.class) {
      return value instanceof JsonObject ? null : "must be a JSON object";
    }
    if (type == JsonArray.class) {
      return value instanceof JsonArray ? null : "must be a JSON array";
    }
    if (type == boolean.class || type == Boolean.class) {
      return value instanceof Boolean ? null : "must be true or false";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return value instanceof Number ? null : "must be a number";
    }
    return null; // other types: the generated handler converts them itself
  }
}
