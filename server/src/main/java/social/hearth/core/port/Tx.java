package social.hearth.core.port;

/**
 * An open database transaction, opaque to the core: a use case receives one from {@link Transactions} and hands
 * it to every store call that must commit or fail together (the transactional outbox: a post, its activity and
 * its deliveries). Only the database adapter knows what is inside.
 */
public interface Tx {}
