-- AlterTable
ALTER TABLE "accounts" ADD COLUMN "note" TEXT;
