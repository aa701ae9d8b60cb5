package io.github.vertxasterisk.common.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.SharedData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** A node seen through a changed {@link SharedData}: a slow map, a lock request held back. */
final class WithSharedData {
  private WithSharedData() {
  }

  /** The same node, whose {@code sharedData()} is {@code data}. */
  static Vertx of(Vertx real, SharedData data) {
    return (Vertx) Proxy.newProxyInstance(VertxInternal.class.getClassLoader(), new Class<?>[] {VertxInternal.class},
      (p, m, args) -> m.getName().equals("sharedData") ? data : invoke(m, real, args));
  }

  /** Calls {@code m} on {@code target}, throwing what it throws (for proxies that pass most calls on). */
  static Object invoke(Method m, Object target, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
