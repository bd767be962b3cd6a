-- CreateTable
CREATE TABLE "GistPublication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "gistId" TEXT NOT NULL,
    "htmlUrl" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL,
    "files" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "GistPublication_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotesApproval" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NotesApproval_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GistPublication_eventId_scope_userId_key" ON "GistPublication"("eventId", "scope", "userId");

-- CreateIndex
CREATE INDEX "NotesApproval_eventId_idx" ON "NotesApproval"("eventId");

