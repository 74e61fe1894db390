-- CreateTable
CREATE TABLE "accounts" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
