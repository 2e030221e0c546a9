-- The end of a programme (issue 12, point 8).
--
-- A session recorded late: a place may record a session it gave before the programme's usage
-- end, with its real date, during the programme's tolerance period (lateSessionDays, default
-- 31). The redemption row keeps the instant it was recorded (its ledger postings and audit entry
-- carry that instant, so reports as of a past date stay true); the session's real date is kept
-- here, one row per late redemption only, so that a redemption on the day costs nothing more.
CREATE TABLE "late_sessions" (
	"redemption_id" bigint PRIMARY KEY NOT NULL,
	"session_on" date NOT NULL,
	"recorded_on" date NOT NULL,
	CONSTRAINT "late_sessions_redemption" FOREIGN KEY ("redemption_id") REFERENCES "redemptions"("id"),
	CONSTRAINT "late_sessions_before_recording" CHECK ("session_on" < "recorded_on")
);
--> statement-breakpoint
CREATE TRIGGER late_sessions_append_only BEFORE UPDATE OR DELETE ON late_sessions
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
