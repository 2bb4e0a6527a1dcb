-- Migration 20261122060224_workshops
-- Generated from prisma/schema.prisma by `npm run db:migration`. Migrations are applied in
-- folder-name order and recorded in patchroom_migrations: never edit one that has been committed.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "is_guest" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "workshops" (
    "id" TEXT NOT NULL,
    "rack_id" TEXT NOT NULL,
    "teacher_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "active_code" TEXT,
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "transport_held" BOOLEAN NOT NULL DEFAULT false,
    "follow_teacher" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "workshops_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workshop_participants" (
    "workshop_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "joined_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "copy_rack_id" TEXT,

    CONSTRAINT "workshop_participants_pkey" PRIMARY KEY ("workshop_id","user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workshops_active_code_key" ON "workshops"("active_code");

-- CreateIndex
CREATE INDEX "workshops_rack_id_idx" ON "workshops"("rack_id");

-- CreateIndex
CREATE INDEX "workshop_participants_user_id_idx" ON "workshop_participants"("user_id");

-- AddForeignKey
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_rack_id_fkey" FOREIGN KEY ("rack_id") REFERENCES "racks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_teacher_id_fkey" FOREIGN KEY ("teacher_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_workshop_id_fkey" FOREIGN KEY ("workshop_id") REFERENCES "workshops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_copy_rack_id_fkey" FOREIGN KEY ("copy_rack_id") REFERENCES "racks"("id") ON DELETE SET NULL ON UPDATE CASCADE;
