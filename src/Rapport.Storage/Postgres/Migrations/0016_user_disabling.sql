-- A user an owner disabled (docs/security.md#users): kept, with what they wrote, but unable to sign in.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
