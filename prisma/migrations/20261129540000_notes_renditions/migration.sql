-- CreateTable
CREATE TABLE "NotesRendition" (
    "docName" TEXT NOT NULL PRIMARY KEY,
    "version" TEXT NOT NULL,
    "renderer" TEXT NOT NULL,
    "hasNotes" BOOLEAN NOT NULL,
    "markdown" TEXT NOT NULL,
    "markdownTop" TEXT,
    "updatedAt" DATETIME NOT NULL
);
