package social.hearth.core.domain;

/** A rule and what happens to those who break it. */
public record Rule(String text, String consequence) {}
