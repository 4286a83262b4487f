package social.hearth.core.domain;

/**
 * A level of a community (issue 18): reached at {@code points}, with its name and the privileges it grants from there
 * up (skip newcomer probation, skip slow mode).
 */
public record Level(int number, long points, String name, boolean skipProbation, boolean skipSlowMode) {}
