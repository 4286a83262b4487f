package social.hearth.apub;

/** Fixed local names. */
public final class InstanceNames {
  /** preferredUsername of the instance actor; reserved as a community slug. */
  public static final String INSTANCE_ACTOR = "instance.actor";
  public static final String SOFTWARE = "hearth";

  private InstanceNames() {}
}
