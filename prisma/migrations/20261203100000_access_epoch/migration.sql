-- CreateTable
CREATE TABLE "AccessEpoch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "value" BIGINT NOT NULL DEFAULT 0
);

INSERT INTO "AccessEpoch" ("id", "value") VALUES (1, 0);

-- The access epoch: these triggers bump AccessEpoch's one row on every change to a column that
-- collab access is decided from (lib/collab/access-rows.ts: Session.eventId, Event.visibility,
-- Membership.eventId/userId/role, User.isGuest/guestEventId, and the rows' ids), whoever makes it:
-- a use case, the CLI, another node, a manual UPDATE. The collab server skips its periodic
-- re-check while the counter stands still. Inserts are left out on purpose: the re-check only
-- takes access away, and a new row can only give it (a membership adds a role; a session, event or
-- user nobody was admitted to has no connection), so bumping there would only cost every sign-up
-- a write to this row. `UPDATE OF` fires when the statement sets the column, changed or not.
CREATE TRIGGER "Session_access_epoch_update" AFTER UPDATE OF "id", "eventId" ON "Session"
BEGIN UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Session_access_epoch_delete" AFTER DELETE ON "Session"
BEGIN UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "Event_access_epoch_update" AFTER UPDATE OF "id", "visibility" ON "Event"
BEGIN UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Event_access_epoch_delete" AFTER DELETE ON "Event"
BEGIN UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "Membership_access_epoch_update" AFTER UPDATE OF "eventId", "userId", "role" ON "Membership"
BEGIN UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "Membership_access_epoch_delete" AFTER DELETE ON "Membership"
BEGIN UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "User_access_epoch_update" AFTER UPDATE OF "id", "isGuest", "guestEventId" ON "User"
BEGIN UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "User_access_epoch_delete" AFTER DELETE ON "User"
BEGIN UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1; END;
