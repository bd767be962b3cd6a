-- CreateTable
CREATE TABLE "GistPublication" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "gistId" TEXT NOT NULL,
    "htmlUrl" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL,
    "files" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GistPublication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotesApproval" (
    "sessionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotesApproval_pkey" PRIMARY KEY ("sessionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "GistPublication_eventId_scope_userId_key" ON "GistPublication"("eventId", "scope", "userId");

-- CreateIndex
CREATE INDEX "NotesApproval_eventId_idx" ON "NotesApproval"("eventId");

-- AddForeignKey
ALTER TABLE "GistPublication" ADD CONSTRAINT "GistPublication_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotesApproval" ADD CONSTRAINT "NotesApproval_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

