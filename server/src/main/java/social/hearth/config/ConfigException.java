package social.hearth.config;

/** A configuration value is wrong. The message is one line a person can act on. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
