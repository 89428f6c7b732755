-- Integrity's own record of promotions, kept from the cadres module's PromotionsRecorded events: everyone promoted
-- in a year has their personal matters checked that year. Promotions recorded before the event existed are copied
-- once from the posts, so a database migrated from an earlier version draws as before.
CREATE TABLE promotion_due (
    cadre_id     BIGINT      NOT NULL REFERENCES cadre (id),
    promoted_on  DATE        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cadre_id, promoted_on)
);

CREATE INDEX promotion_due_day_idx ON promotion_due (promoted_on);

INSERT INTO promotion_due (cadre_id, promoted_on)
SELECT DISTINCT cadre_id, start_date FROM post WHERE reason = 'PROMOTION'
ON CONFLICT DO NOTHING;

CREATE TRIGGER promotion_due_note_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON promotion_due
    FOR EACH STATEMENT EXECUTE FUNCTION note_change();
