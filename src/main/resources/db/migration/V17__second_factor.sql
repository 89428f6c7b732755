-- A second factor at the sign-in page: the account's TOTP key (encrypted like other secrets at rest), when it was
-- enrolled, and the last time step a code was accepted for, so that each code is accepted once.
ALTER TABLE account ADD COLUMN totp_secret_cipher TEXT;
ALTER TABLE account ADD COLUMN totp_enrolled_at TIMESTAMPTZ;
ALTER TABLE account ADD COLUMN totp_last_step BIGINT;
ALTER TABLE account ADD CONSTRAINT account_totp_enrolled CHECK ((totp_secret_cipher IS NULL) = (totp_enrolled_at IS NULL));
