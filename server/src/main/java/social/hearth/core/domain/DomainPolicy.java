package social.hearth.core.domain;

/**
 * What the instance does with a remote domain (and its subdomains).
 *
 * @param publicComment the comment shown with the entry in exports, or null
 */
public record DomainPolicy(String domain, Policy policy, String reason, String publicComment) {

  /** Blocked: nothing accepted, fetched or delivered; limited: new content held for review; allowed (allowlist mode). */
  public enum Policy { BLOCK, LIMIT, ALLOW }
}
