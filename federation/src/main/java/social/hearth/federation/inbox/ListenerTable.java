package social.hearth.federation.inbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The one table from activity type to its listener. Types without a listener are acknowledged and ignored. */
public final class ListenerTable {

  private final Map<String, ActivityListener> listeners = new LinkedHashMap<>();

  public ListenerTable on(String type, ActivityListener listener) {
    if (listeners.putIfAbsent(type, listener) != null) {
      throw new IllegalStateException("two listeners for " + type);
    }
    return this;
  }

  /** Puts {@code wrapper} around the listener of {@code type} (which must have one): it decides what to pass on. */
  public ListenerTable wrap(String type, java.util.function.UnaryOperator<ActivityListener> wrapper) {
    ActivityListener inner = listeners.get(type);
    if (inner == null) {
      throw new IllegalStateException("no listener for " + type + " to wrap");
    }
    listeners.put(type, wrapper.apply(inner));
    return this;
  }

  public Optional<ActivityListener> forType(String type) {
    return Optional.ofNullable(listeners.get(type));
  }

  public Map<String, ActivityListener> all() {
    return Collections.unmodifiableMap(listeners);
  }
}
