package social.hearth.federation.sig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RFC 8941 subset: dictionaries of items and inner lists, strictly parsed and bounded. */
class StructuredFieldsTest {

  static Map<String, StructuredFields.Member> parse(String s) throws StructuredFields.Malformed {
    return StructuredFields.parseDictionary(s, 8);
  }

  @Test
  void everyBareItemTypeParses() throws StructuredFields.Malformed {
    Map<String, StructuredFields.Member> d = parse("a=1, b=-42, c=1.5, d=\"x \\\"y\\\" \\\\z\", e=tok/en:1, f=:AQID:, g=?0, h");
    assertEquals(1L, ((StructuredFields.Item) d.get("a")).value());
    assertEquals(-42L, ((StructuredFields.Item) d.get("b")).value());
    assertEquals(new BigDecimal("1.5"), ((StructuredFields.Item) d.get("c")).value());
    assertEquals("x \"y\" \\z", ((StructuredFields.Item) d.get("d")).value());
    assertEquals(new StructuredFields.Token("tok/en:1"), ((StructuredFields.Item) d.get("e")).value());
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) ((StructuredFields.Item) d.get("f")).value());
    assertEquals(false, ((StructuredFields.Item) d.get("g")).value());
    assertEquals(true, ((StructuredFields.Item) d.get("h")).value());
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), new ArrayList<>(d.keySet()));
  }

  @Test
  void anInnerListWithParametersParsesAndSerializesBack() throws StructuredFields.Malformed {
    String input = "(\"@method\" \"@target-uri\");created=1618884473;keyid=\"k\\\"1\";flag;alg=\"ed25519\"";
    StructuredFields.InnerList list = assertInstanceOf(StructuredFields.InnerList.class, parse("sig1=" + input).get("sig1"));
    assertEquals(2, list.items().size());
    assertEquals(1618884473L, list.params().get("created"));
    assertEquals("k\"1", list.params().get("keyid"));
    assertEquals(true, list.params().get("flag"));
    List<String> names = list.items().stream().map(i -> (String) i.value()).toList();
    assertEquals(input, StructuredFields.serializeInnerList(names, list.params()));
  }

  @Test
  void whitespaceIsAcceptedWhereTheRfcAllowsIt() throws StructuredFields.Malformed {
    assertEquals(2, parse("  a=1 ,\tb=( 1  2 )").size());
    assertEquals(0, parse("   ").size());
  }

  @Test
  void decimalsSerializeCanonically() {
    StringBuilder out = new StringBuilder();
    StructuredFields.appendBareItem(out, new BigDecimal("1.500"));
    out.append(' ');
    StructuredFields.appendBareItem(out, new BigDecimal("100"));
    assertEquals("1.5 100.0", out.toString());
  }

  @Test
  void invalidInputIsRejected() {
    for (String bad : new String[] {"A=1", "a=", "a=1,", "a=1,,b=2", "a=(1", "a=(1,2)", "a=\"\u00e9\"", "a=\"\\n\"",
        "a=1234567890123456", "a=1.2345", "a=1.", "a=-", "a=?2", "a=:AQ=ID:", "a=:AQID", "a=1 b=2", "a=1;", "a=1;B=2",
        "a=1;b=1;b=2", "a=1, a=2", "a=\"abc", "a=@", "a=(1)x", "a=1234567890123.1"}) {
      assertThrows(StructuredFields.Malformed.class, () -> parse(bad), bad);
    }
  }

  @Test
  void boundsAreEnforced() {
    assertThrows(StructuredFields.Malformed.class, () -> StructuredFields.parseDictionary("a, b, c", 2));
    assertThrows(StructuredFields.Malformed.class, () -> parse("a=(" + "1 ".repeat(StructuredFields.MAX_INNER_ITEMS + 1) + ")"));
    StringBuilder params = new StringBuilder("a=1");
    for (int i = 0; i <= StructuredFields.MAX_PARAMS; i++) {
      params.append(";p").append(i);
    }
    assertThrows(StructuredFields.Malformed.class, () -> parse(params.toString()));
  }

  @Test
  void serializingNonAsciiIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> StructuredFields.serializeInnerList(List.of("\u00e9"), Map.of()));
  }
}
