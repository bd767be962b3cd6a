-- CreateTable
CREATE TABLE "AccessEpoch" (
    "id" INTEGER NOT NULL,
    "value" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AccessEpoch_pkey" PRIMARY KEY ("id")
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
-- Once per statement, not per row: deleting an event cascades to its sessions and memberships.
-- The bump commits with the change, so a re-check that sees the new value also sees the change.
CREATE FUNCTION "bump_access_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Session_access_epoch" AFTER UPDATE OF "id", "eventId" OR DELETE OR TRUNCATE ON "Session"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_access_epoch"();

CREATE TRIGGER "Event_access_epoch" AFTER UPDATE OF "id", "visibility" OR DELETE OR TRUNCATE ON "Event"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_access_epoch"();

CREATE TRIGGER "Membership_access_epoch" AFTER UPDATE OF "eventId", "userId", "role" OR DELETE OR TRUNCATE ON "Membership"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_access_epoch"();

CREATE TRIGGER "User_access_epoch" AFTER UPDATE OF "id", "isGuest", "guestEventId" OR DELETE OR TRUNCATE ON "User"
FOR EACH STATEMENT EXECUTE FUNCTION "bump_access_epoch"();
