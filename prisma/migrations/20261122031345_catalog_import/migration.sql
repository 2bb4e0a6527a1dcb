-- Migration 20261122031345_catalog_import
-- Generated from prisma/schema.prisma by `npm run db:migration`. Migrations are applied in
-- folder-name order and recorded in patchroom_migrations: never edit one that has been committed.

-- AlterTable
ALTER TABLE "catalog_cases" ADD COLUMN     "imported_from" TEXT NOT NULL DEFAULT 'bundled catalog';

-- AlterTable
ALTER TABLE "catalog_modules" ADD COLUMN     "height_u" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "imported_from" TEXT NOT NULL DEFAULT 'bundled catalog',
ADD COLUMN     "jacks_complete" BOOLEAN,
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "catalog_imports" (
    "id" BIGSERIAL NOT NULL,
    "origin" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "inserted" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalog_imports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "catalog_imports_origin_id_idx" ON "catalog_imports"("origin", "id");

-- CreateIndex
CREATE INDEX "catalog_modules_hp_idx" ON "catalog_modules"("hp");
