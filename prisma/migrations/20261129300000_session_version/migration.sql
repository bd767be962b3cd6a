-- Sign-out invalidates session cookies issued before it (issue 9 #10).
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
