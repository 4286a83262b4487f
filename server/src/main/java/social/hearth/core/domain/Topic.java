package social.hearth.core.domain;

/** A community's topic hashtag (without #, lower case) and what it is for. */
public record Topic(String tag, String description) {}
