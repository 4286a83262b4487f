package social.hearth.core.domain;

import java.time.LocalDate;

/**
 * A community's figures for one UTC day (issue 18 analytics): joins, leaves (of which removals by staff), members at
 * the end of the day, posts accepted, held and refused that day, and members active (posted, replied or liked) in
 * the 7 days up to it.
 */
public record CommunityDay(LocalDate date, int joins, int leaves, int removals, long members, int postsAccepted,
                           int postsHeld, int postsRefused, long activeMembers7d) {}
