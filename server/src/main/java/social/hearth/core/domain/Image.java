package social.hearth.core.domain;

/** A community's stored avatar or banner: its checked media type, its bytes, a short digest, and its alt text. */
public record Image(String contentType, byte[] bytes, String digest, String alt) {}
