-- Failed sign-ins per email, so that every instance serving the store counts them together (docs/security.md#rate-limits-and-lockout).
-- Like users, they belong to the installation, not to a workspace, so `rapport copy` does not move them. Keyed by the
-- SHA-256 of the normalized email: the table counts guesses at emails without an account too, and keeps no address.
CREATE TABLE sign_in_failures (
  email_sha256 VARCHAR PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_started_at TIMESTAMP NOT NULL,
  locked_until TIMESTAMP
);
