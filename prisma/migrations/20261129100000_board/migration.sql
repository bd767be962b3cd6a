-- CreateTable
CREATE TABLE "Star" (
    "userId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "sessionId"),
    CONSTRAINT "Star_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Star_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgendaFeed" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgendaFeed_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgendaFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- A plain ADD COLUMN (not a table redefinition) so other branches' Session columns survive.
ALTER TABLE "Session" ADD COLUMN "needsHost" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Star_sessionId_idx" ON "Star"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaFeed_token_key" ON "AgendaFeed"("token");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaFeed_eventId_userId_key" ON "AgendaFeed"("eventId", "userId");

