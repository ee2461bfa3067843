-- AlterTable
ALTER TABLE "School" ADD COLUMN     "lessonTimes" TEXT;
