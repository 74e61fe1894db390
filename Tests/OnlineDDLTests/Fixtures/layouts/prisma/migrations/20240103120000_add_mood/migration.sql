-- CreateEnum
BEGIN;
CREATE TYPE "Mood" AS ENUM ('HAPPY', 'SAD');
COMMIT;

-- AlterTable
ALTER TABLE "accounts" ADD COLUMN "mood" "Mood";
