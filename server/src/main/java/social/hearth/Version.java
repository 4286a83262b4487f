package social.hearth;

/** The running version, from the jar manifest when packaged. */
public final class Version {
  public static final String VERSION = java.util.Optional.ofNullable(Version.class.getPackage().getImplementationVersion())
      .orElse("0.1.0-dev");

  private Version() {}
}
