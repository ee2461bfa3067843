-- AlterTable
ALTER TABLE "Course" ADD COLUMN "feedbackSpread" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "visitsPerWeek" INTEGER;
