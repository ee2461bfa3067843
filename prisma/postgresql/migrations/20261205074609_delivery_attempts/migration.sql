-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "attemptStartedAt" TIMESTAMP(3),
ADD COLUMN     "failingSince" TIMESTAMP(3);
