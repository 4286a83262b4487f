package social.hearth.core.moderation;

import java.util.List;

/** The chain's decision with every reason that led to it (a reject wins over a hold, a hold over an accept). */
public record Verdict(Decision decision, List<Reason> reasons) {

  public enum Decision { ACCEPT, HOLD, REJECT }

  public static Verdict of(List<Reason> reasons) {
    Decision d = Decision.ACCEPT;
    for (Reason r : reasons) {
      if ("reject".equals(r.action())) {
        d = Decision.REJECT;
      } else if (d == Decision.ACCEPT) {
        d = Decision.HOLD;
      }
    }
    return new Verdict(d, List.copyOf(reasons));
  }
}
