-- CreateIndex
CREATE INDEX "CourseSchool_schoolId_idx" ON "CourseSchool"("schoolId");
