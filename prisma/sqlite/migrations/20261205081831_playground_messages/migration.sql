-- CreateTable
CREATE TABLE "PlaygroundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "address" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "threadOf" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PlaygroundMessage_address_id_idx" ON "PlaygroundMessage"("address", "id");
