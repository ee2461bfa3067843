-- CreateTable
CREATE TABLE "PlaygroundMessage" (
    "id" SERIAL NOT NULL,
    "address" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "threadOf" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlaygroundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlaygroundMessage_address_id_idx" ON "PlaygroundMessage"("address", "id");
