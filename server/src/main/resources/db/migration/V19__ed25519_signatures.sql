-- Whether a host verifies RFC 9421 signatures made with our Ed25519 keys (FEP-521a Multikeys):
-- NULL unknown (deliveries are signed with RSA), true when it advertised or accepted them, false when it refused one.
ALTER TABLE hosts ADD COLUMN ed25519_signatures boolean;
