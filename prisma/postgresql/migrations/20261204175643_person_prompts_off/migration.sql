-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "promptsOff" BOOLEAN NOT NULL DEFAULT false;
