package social.hearth.federation.sig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of RFC 8941 Structured Field Values that HTTP Message Signatures (RFC 9421) and
 * {@code Content-Digest} (RFC 9530) need: parsing a Dictionary whose members are Items or Inner Lists, and
 * serializing an Inner List with its Parameters (for {@code @signature-params}).
 *
 * <p>The parser is strict (it follows RFC 8941 §4.2 step by step and fails on anything else) and bounded: the
 * caller gives the most members a dictionary may have, inner lists hold at most {@link #MAX_INNER_ITEMS}
 * items and every item at most {@link #MAX_PARAMS} parameters. Duplicate dictionary keys and duplicate
 * parameter names are refused (RFC 8941 would let the last one win, which makes it easy for two parties to
 * read one header differently). Everything it rejects is reported as {@link Malformed}, never as a runtime
 * exception.
 */
final class StructuredFields {

  static final int MAX_INNER_ITEMS = 32;
  static final int MAX_PARAMS = 16;

  private StructuredFields() {}

  /** The header is not a valid structured field (or exceeds a bound). */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** An RFC 8941 Token (an unquoted identifier such as {@code sha-256} or {@code foo/bar}). */
  record Token(String value) {}

  /** A dictionary member: either a bare item or an inner list, with its parameters. */
  sealed interface Member permits Item, InnerList {
    Map<String, Object> params();
  }

  /**
   * A bare item and its parameters. {@code value} is a {@link Long}, {@link BigDecimal}, {@link String},
   * {@link Token}, {@code byte[]} or {@link Boolean}.
   */
  record Item(Object value, Map<String, Object> params) implements Member {}

  /** An inner list of items and the list's own parameters. */
  record InnerList(List<Item> items, Map<String, Object> params) implements Member {}

  // ------------------------------------------------------------------------------------------ parsing

  /** Parses a Dictionary of at most {@code maxMembers} members, keeping the order of the header. */
  static Map<String, Member> parseDictionary(String input, int maxMembers) throws Malformed {
    Parser p = new Parser(input);
    Map<String, Member> out = new LinkedHashMap<>();
    p.skipSp();
    if (p.atEnd()) {
      return out;
    }
    while (true) {
      String key = p.key();
      Member member;
      if (p.peek() == '=') {
        p.pos++;
        member = p.itemOrInnerList();
      } else {
        member = new Item(Boolean.TRUE, p.parameters());
      }
      if (out.containsKey(key)) {
        throw new Malformed("duplicate dictionary key " + key);
      }
      if (out.size() >= maxMembers) {
        throw new Malformed("more than " + maxMembers + " dictionary members");
      }
      out.put(key, member);
      p.skipOws();
      if (p.atEnd()) {
        return out;
      }
      p.expect(',');
      p.skipOws();
      if (p.atEnd()) {
        throw new Malformed("trailing comma");
      }
    }
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return atEnd() ? '\0' : s.charAt(pos);
    }

    void expect(char c) throws Malformed {
      if (peek() != c) {
        throw new Malformed("expected '" + c + "' at position " + pos);
      }
      pos++;
    }

    void skipSp() {
      while (!atEnd() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    void skipOws() {
      while (!atEnd() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
    }

    Member itemOrInnerList() throws Malformed {
      if (peek() == '(') {
        return innerList();
      }
      return item();
    }

    InnerList innerList() throws Malformed {
      expect('(');
      List<Item> items = new ArrayList<>();
      while (!atEnd()) {
        skipSp();
        if (peek() == ')') {
          pos++;
          return new InnerList(Collections.unmodifiableList(items), parameters());
        }
        if (items.size() >= MAX_INNER_ITEMS) {
          throw new Malformed("more than " + MAX_INNER_ITEMS + " items in an inner list");
        }
        items.add(item());
        char c = peek();
        if (c != ' ' && c != ')') {
          throw new Malformed("inner list items must be separated by a space");
        }
      }
      throw new Malformed("unterminated inner list");
    }

    Item item() throws Malformed {
      Object value = bareItem();
      return new Item(value, parameters());
    }

    Map<String, Object> parameters() throws Malformed {
      Map<String, Object> params = new LinkedHashMap<>();
      while (peek() == ';') {
        pos++;
        skipSp();
        String key = key();
        Object value = Boolean.TRUE;
        if (peek() == '=') {
          pos++;
          value = bareItem();
        }
        if (params.containsKey(key)) {
          throw new Malformed("duplicate parameter " + key);
        }
        if (params.size() >= MAX_PARAMS) {
          throw new Malformed("more than " + MAX_PARAMS + " parameters");
        }
        params.put(key, value);
      }
      return Collections.unmodifiableMap(params);
    }

    String key() throws Malformed {
      char first = peek();
      if (!(first >= 'a' && first <= 'z') && first != '*') {
        throw new Malformed("a key must start with a lowercase letter or '*' at position " + pos);
      }
      int start = pos;
      while (!atEnd()) {
        char c = s.charAt(pos);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
          pos++;
        } else {
          break;
        }
      }
      return s.substring(start, pos);
    }

    Object bareItem() throws Malformed {
      char c = peek();
      if (c == '-' || (c >= '0' && c <= '9')) {
        return number();
      }
      if (c == '"') {
        return string();
      }
      if (c == ':') {
        return byteSequence();
      }
      if (c == '?') {
        return bool();
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*') {
        return token();
      }
      throw new Malformed("unexpected character at position " + pos);
    }

    Object number() throws Malformed {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (!(peek() >= '0' && peek() <= '9')) {
        throw new Malformed("a number needs a digit at position " + pos);
      }
      int digitsStart = pos;
      int dot = -1;
      while (!atEnd()) {
        char c = s.charAt(pos);
        if (c >= '0' && c <= '9') {
          pos++;
        } else if (c == '.' && dot < 0) {
          if (pos - digitsStart > 12) {
            throw new Malformed("a decimal has more than 12 integer digits");
          }
          dot = pos;
          pos++;
        } else {
          break;
        }
        if (dot < 0 && pos - digitsStart > 15) {
          throw new Malformed("an integer has more than 15 digits");
        }
        if (dot >= 0 && pos - digitsStart > 16) {
          throw new Malformed("a decimal is too long");
        }
      }
      String text = s.substring(start, pos);
      if (dot < 0) {
        return Long.parseLong(text);
      }
      int fraction = pos - dot - 1;
      if (fraction < 1 || fraction > 3) {
        throw new Malformed("a decimal needs one to three fraction digits");
      }
      return new BigDecimal(text);
    }

    String string() throws Malformed {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (!atEnd()) {
        char c = s.charAt(pos++);
        if (c == '\\') {
          if (atEnd()) {
            throw new Malformed("unterminated escape in a string");
          }
          char next = s.charAt(pos++);
          if (next != '"' && next != '\\') {
            throw new Malformed("only \\\" and \\\\ may be escaped in a string");
          }
          out.append(next);
        } else if (c == '"') {
          return out.toString();
        } else if (c < 0x20 || c > 0x7e) {
          throw new Malformed("a string may only hold printable ASCII");
        } else {
          out.append(c);
        }
      }
      throw new Malformed("unterminated string");
    }

    Token token() {
      int start = pos;
      while (!atEnd()) {
        char c = s.charAt(pos);
        if (isTchar(c) || c == ':' || c == '/') {
          pos++;
        } else {
          break;
        }
      }
      return new Token(s.substring(start, pos));
    }

    byte[] byteSequence() throws Malformed {
      expect(':');
      int end = s.indexOf(':', pos);
      if (end < 0) {
        throw new Malformed("unterminated byte sequence");
      }
      String b64 = s.substring(pos, end);
      for (int i = 0; i < b64.length(); i++) {
        char c = b64.charAt(i);
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
            || c == '=')) {
          throw new Malformed("a byte sequence may only hold base64 characters");
        }
      }
      pos = end + 1;
      try {
        return Base64.getDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        throw new Malformed("a byte sequence is not valid base64");
      }
    }

    Boolean bool() throws Malformed {
      expect('?');
      char c = peek();
      if (c == '0' || c == '1') {
        pos++;
        return c == '1';
      }
      throw new Malformed("a boolean must be ?0 or ?1");
    }
  }

  static boolean isTchar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  // ------------------------------------------------------------------------------------------ serializing

  /** Serializes an inner list of strings and its parameters, e.g. {@code ("@method" "@path");created=1}. */
  static String serializeInnerList(List<String> items, Map<String, Object> params) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      appendString(out, items.get(i));
    }
    out.append(')');
    appendParams(out, params);
    return out.toString();
  }

  static void appendParams(StringBuilder out, Map<String, Object> params) {
    for (Map.Entry<String, Object> p : params.entrySet()) {
      out.append(';').append(p.getKey());
      if (!Boolean.TRUE.equals(p.getValue())) {
        out.append('=');
        appendBareItem(out, p.getValue());
      }
    }
  }

  static void appendBareItem(StringBuilder out, Object value) {
    if (value instanceof Long l) {
      out.append(l.longValue());
    } else if (value instanceof BigDecimal d) {
      BigDecimal rounded = d.setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
      out.append(rounded.setScale(Math.max(1, rounded.scale())).toPlainString());
    } else if (value instanceof String str) {
      appendString(out, str);
    } else if (value instanceof Token t) {
      out.append(t.value());
    } else if (value instanceof byte[] bytes) {
      out.append(':').append(Base64.getEncoder().encodeToString(bytes)).append(':');
    } else if (value instanceof Boolean b) {
      out.append(b ? "?1" : "?0");
    } else {
      throw new IllegalArgumentException("not a structured-field bare item: " + value);
    }
  }

  /** Appends an sf-string; fails (a programming error) on characters outside printable ASCII. */
  static void appendString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("a structured-field string may only hold printable ASCII");
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
