-- AlterTable
ALTER TABLE "Job" ADD COLUMN "attemptStartedAt" DATETIME;
ALTER TABLE "Job" ADD COLUMN "failingSince" DATETIME;
