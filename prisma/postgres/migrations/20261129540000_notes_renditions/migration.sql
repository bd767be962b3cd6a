-- CreateTable
CREATE TABLE "NotesRendition" (
    "docName" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "renderer" TEXT NOT NULL,
    "hasNotes" BOOLEAN NOT NULL,
    "markdown" TEXT NOT NULL,
    "markdownTop" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotesRendition_pkey" PRIMARY KEY ("docName")
);
