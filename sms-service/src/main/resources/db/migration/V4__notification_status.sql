-- Issue 16, expiry: a notification is SENT (handed to the gateway) or EXPIRED (its event was older than
-- pipeline.sms.max-age when it was handled, so nothing was sent), with the reason for an EXPIRED one. sent_at becomes
-- handled_at: when the notification was sent or expired. Rows from before are SENT. The index serves the
-- reconciliation's listing of a time window (GET /notifications?since=).
ALTER TABLE notification CHANGE COLUMN sent_at handled_at DATETIME(6) NOT NULL;
ALTER TABLE notification ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'SENT';
ALTER TABLE notification ADD COLUMN reason VARCHAR(200) NULL;
ALTER TABLE notification ADD COLUMN event_at DATETIME(6) NULL;
CREATE INDEX notification_handled ON notification (handled_at);
