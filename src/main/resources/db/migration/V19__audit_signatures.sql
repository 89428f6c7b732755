-- Each audit record from now on carries an HMAC of its hash, made with a key kept outside the database
-- (data/audit.key or BANZI_AUDIT_KEY): whoever can write the table but does not hold the key cannot write a record
-- the verifier accepts. Records written before carry none.
ALTER TABLE audit_record ADD COLUMN mac VARCHAR(64);
