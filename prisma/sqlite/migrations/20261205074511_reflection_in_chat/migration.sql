-- AlterTable
ALTER TABLE "Reflection" ADD COLUMN "chatStep" INTEGER;
ALTER TABLE "Reflection" ADD COLUMN "questions" TEXT;
ALTER TABLE "Reflection" ADD COLUMN "sharedAt" DATETIME;

-- AlterTable
ALTER TABLE "Slot" ADD COLUMN "feedbackAt" DATETIME;

-- CreateTable
CREATE TABLE "Conversation" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "flow" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Conversation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
