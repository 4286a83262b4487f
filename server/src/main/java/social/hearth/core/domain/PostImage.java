package social.hearth.core.domain;

/** An image of an authored post: re-encoded when uploaded, with its pixel size and its alt text. */
public record PostImage(String key, String contentType, int width, int height, String alt) {}
