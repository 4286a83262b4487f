package social.hearth.core.domain;

/** A community's avatar or banner as published: its media type and a digest that versions its URL. */
public record MediaRef(String kind, String contentType, String digest, String alt) {}
