-- Migration 20261122060731_checkpoints
-- Generated from prisma/schema.prisma by `npm run db:migration`. Migrations are applied in
-- folder-name order and recorded in patchroom_migrations: never edit one that has been committed.

-- CreateTable
CREATE TABLE "rack_checkpoints" (
    "id" TEXT NOT NULL,
    "rack_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "author_id" TEXT,
    "state" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rack_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rack_checkpoints_rack_id_created_at_idx" ON "rack_checkpoints"("rack_id", "created_at");

-- AddForeignKey
ALTER TABLE "rack_checkpoints" ADD CONSTRAINT "rack_checkpoints_rack_id_fkey" FOREIGN KEY ("rack_id") REFERENCES "racks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rack_checkpoints" ADD CONSTRAINT "rack_checkpoints_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
