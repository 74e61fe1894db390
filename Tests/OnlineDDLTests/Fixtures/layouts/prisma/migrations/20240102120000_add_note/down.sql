ALTER TABLE "accounts" DROP COLUMN "note";
