package social.hearth.web;

import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import social.hearth.core.CoreException;

/**
 * One mechanism for every staff form: what was sent, kept to show the form again, and each field's problem (a
 * message key, and the core's precise sentence when it gave one). A form that fails its checks is rendered again with
 * status 400, the input as typed and every problem next to its field ({@code macros.fieldError}), never as an error
 * page. Templates read {@code form.<field>}, {@code errors.<field>} and {@code details.<field>}, which are null for
 * fields without a value or a problem (the maps answer every key, so strict templates need not list the fields).
 */
final class FormState {

  /** A map that answers every key (null when absent), as Pebble's strict mode asks of the maps templates read. */
  static final class Lenient<V> extends HashMap<String, V> {
    @Override
    public boolean containsKey(Object key) {
      return true;
    }
  }

  private final Lenient<Object> values = new Lenient<>();
  private final Lenient<String> errors = new Lenient<>();
  private final Lenient<String> details = new Lenient<>();

  FormState() {}

  /** The named fields of a submitted form, as sent ("" when absent, line ends as "\n"). */
  static FormState of(MultiMap sent, List<String> fields) {
    FormState s = new FormState();
    for (String f : fields) {
      s.put(f, Forms.nz(sent.get(f)).replace("\r\n", "\n"));
    }
    return s;
  }

  FormState put(String field, Object value) {
    values.put(field, value);
    return this;
  }

  /** The field's value as text ("" when absent). */
  String text(String field) {
    Object v = values.get(field);
    return v == null ? "" : String.valueOf(v);
  }

  boolean flag(String field) {
    return Boolean.TRUE.equals(values.get(field));
  }

  Object value(String field) {
    return values.get(field);
  }

  /** Marks a field with a message key; the first problem of a field is the one shown. */
  FormState error(String field, String key) {
    return error(field, key, null);
  }

  /** Marks a field with a message key and the precise sentence the core gave (shown after it). */
  FormState error(String field, String key, String detail) {
    if (errors.get(field) == null) {
      errors.put(field, key);
      if (detail != null && !detail.isBlank()) {
        details.put(field, detail);
      }
    }
    return this;
  }

  /** Marks a field with a failure: a page's check (its key), or the core's refusal (its sentence). */
  FormState error(String field, Throwable failure, String key) {
    if (failure instanceof WebException w && w.messageKey() != null) {
      return error(field, w.messageKey());
    }
    if (failure instanceof CoreException c) {
      return error(field, key, c.getMessage());
    }
    return error(field, key);
  }

  /** Runs a check of one field: its {@link WebException} becomes the field's problem, and the result is null. */
  <T> T check(String field, Supplier<T> check) {
    try {
      return check.get();
    } catch (WebException e) {
      error(field, e.messageKey() == null ? "error.bad_request" : e.messageKey());
      return null;
    }
  }

  boolean invalid() {
    return errors.values().stream().anyMatch(v -> v != null);
  }

  String errorOf(String field) {
    return errors.get(field);
  }

  Map<String, Object> values() {
    return values;
  }

  /** Puts {@code form}, {@code errors}, {@code details} and {@code invalid} into a page's model. */
  Map<String, Object> into(Map<String, Object> model) {
    model.put("form", values);
    model.put("errors", errors);
    model.put("details", details);
    model.put("invalid", invalid());
    return model;
  }

  /** Empty problems for a page shown without a submitted form. */
  static void none(Map<String, Object> model) {
    model.put("errors", new Lenient<String>());
    model.put("details", new Lenient<String>());
    model.put("invalid", false);
  }
}
