package social.hearth.core.domain;

import social.hearth.core.text.Links;

/** A remote account as pages show it: its id, the name to show, its handle, and a safe link to its profile. */
public record Person(String id, String name, String handle, String url) {

  /** From what is known of the account (any of name, username, host, profile URL may be null). */
  public static Person of(String id, String name, String username, String host, String url) {
    String handle = username == null || host == null ? id : "@" + username + "@" + host;
    String shown = name == null || name.isBlank() ? (username == null ? id : username) : name;
    String link = Links.httpUrl(url);
    return new Person(id, shown, handle, link == null ? Links.httpUrl(id) : link);
  }

  /** Someone we know nothing about but the id. */
  public static Person unknown(String id) {
    return of(id, null, null, null, id);
  }
}
