-- AlterTable
ALTER TABLE "Reflection" ADD COLUMN     "chatStep" INTEGER,
ADD COLUMN     "questions" TEXT,
ADD COLUMN     "sharedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Slot" ADD COLUMN     "feedbackAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Conversation" (
    "personId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("personId")
);

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
