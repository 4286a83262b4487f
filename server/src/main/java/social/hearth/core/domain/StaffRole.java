package social.hearth.core.domain;

/** A staff role in one community. */
public record StaffRole(String username, String role) {}
