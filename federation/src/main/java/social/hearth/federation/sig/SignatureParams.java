package social.hearth.federation.sig;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A parsed draft-cavage {@code Signature} header. */
public record SignatureParams(String keyId, String algorithm, List<String> headers, byte[] signature,
                              Long created, Long expires) {

  private static final int MAX_LENGTH = 8192;

  public static SignatureParams parse(String value) throws SignatureException {
    if (value == null || value.isBlank()) {
      throw new SignatureException(SignatureException.Reason.MISSING_SIGNATURE, "the request is not signed");
    }
    if (value.length() > MAX_LENGTH) {
      throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "the Signature header is too long");
    }
    Map<String, String> params = parseParams(value);
    String keyId = params.get("keyid");
    String sig = params.get("signature");
    if (keyId == null || keyId.isBlank() || sig == null || sig.isBlank()) {
      throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "the Signature header needs keyId and signature");
    }
    String headerList = params.getOrDefault("headers", "date");
    List<String> headers = names(headerList.trim());
    if (headers.size() > 32) {
      throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "the Signature header lists too many headers");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sig.trim());
    } catch (IllegalArgumentException e) {
      throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "the signature is not base64");
    }
    return new SignatureParams(keyId, params.get("algorithm"), List.copyOf(headers), bytes,
        parseLong(params.get("created")), parseLong(params.get("expires")));
  }

  /** The names in a list separated by runs of whitespace ({@code \s+}: space, tab, CR, LF, FF, VT), lower-cased. */
  static List<String> names(String list) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= list.length(); i++) {
      boolean separator = i == list.length() || isWhitespace(list.charAt(i));
      if (separator && start >= 0) {
        out.add(list.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return out;
  }

  /** What {@code \s} matches in a Java regular expression. */
  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static Long parseLong(String v) throws SignatureException {
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "created/expires must be integers");
    }
  }

  /** Parses {@code name="value",name=value} pairs; quoted values may contain commas. */
  private static Map<String, String> parseParams(String value) throws SignatureException {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && (value.charAt(i) == ',' || value.charAt(i) == ' ')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "the Signature header is malformed");
      }
      String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      String v;
      if (i < n && value.charAt(i) == '"') {
        int end = value.indexOf('"', i + 1);
        if (end < 0) {
          throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "unterminated quoted value in Signature header");
        }
        v = value.substring(i + 1, end);
        i = end + 1;
      } else {
        int end = value.indexOf(',', i);
        if (end < 0) {
          end = n;
        }
        v = value.substring(i, end).trim();
        i = end;
      }
      if (out.putIfAbsent(name, v) != null) {
        throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "duplicate parameter " + name + " in Signature header");
      }
    }
    return out;
  }
}
