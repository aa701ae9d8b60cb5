package io.github.vertxasterisk.common.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Random JSON trees (mostly ASCII text, as AMI and ARI send) give Jackson's bytes exactly. */
class JsonBytesWriterPropertyTest {

  @Property(tries = 2000)
  void sameBytesAsJackson(@ForAll("objects") JsonObject json) {
    JsonBytesWriterTest.assertSameAsJackson(json);
  }

  @Provide
  Arbitrary<JsonObject> objects() {
    return object(3);
  }

  private Arbitrary<JsonObject> object(int depth) {
    return Arbitraries.maps(text(), value(depth)).ofMaxSize(12).map(m -> new JsonObject((Map<String, Object>) (Map<String, ?>) m));
  }

  private Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf = Arbitraries.oneOf(text(), Arbitraries.longs(), Arbitraries.integers(),
      Arbitraries.of(true, false), Arbitraries.just(null));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(5).map(JsonArray::new);
    return Arbitraries.frequencyOf(
      Tuple.of(6, leaf),
      Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1)).map(o -> (Object) o)),
      Tuple.of(1, array));
  }

  /** Printable ASCII most of the time; controls, quotes, backslashes and any char otherwise. */
  private Arbitrary<String> text() {
    return Arbitraries.frequencyOf(
      Tuple.of(6, Arbitraries.strings().ascii().ofMaxLength(40)),
      Tuple.of(2, Arbitraries.strings().withChars("\"\\\n\r\t\b\f\u0000\u001f\u007f/ab").ofMaxLength(20)),
      Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20)));
  }
}
