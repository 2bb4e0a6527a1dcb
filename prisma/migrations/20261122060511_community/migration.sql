-- Migration 20261122060511_community
-- Generated from prisma/schema.prisma by `npm run db:migration`. Migrations are applied in
-- folder-name order and recorded in patchroom_migrations: never edit one that has been committed.

-- CreateEnum
CREATE TYPE "PublicationKind" AS ENUM ('rack', 'patch');

-- AlterTable
ALTER TABLE "racks" ADD COLUMN     "forked_from_rack_id" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "bio" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "publications" (
    "id" TEXT NOT NULL,
    "kind" "PublicationKind" NOT NULL,
    "rack_id" TEXT NOT NULL,
    "patch_id" TEXT,
    "publisher_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "search_text" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "vote_count" INTEGER NOT NULL DEFAULT 0,
    "published_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unpublished_at" TIMESTAMP(3),

    CONSTRAINT "publications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publication_votes" (
    "publication_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publication_votes_pkey" PRIMARY KEY ("publication_id","user_id")
);

-- CreateTable
CREATE TABLE "publication_comments" (
    "id" TEXT NOT NULL,
    "publication_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "publication_comments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "publications_published_at_idx" ON "publications"("published_at");

-- CreateIndex
CREATE INDEX "publications_vote_count_published_at_idx" ON "publications"("vote_count", "published_at");

-- CreateIndex
CREATE INDEX "publications_publisher_id_idx" ON "publications"("publisher_id");

-- CreateIndex
CREATE INDEX "publications_rack_id_idx" ON "publications"("rack_id");

-- CreateIndex
CREATE INDEX "publication_votes_user_id_idx" ON "publication_votes"("user_id");

-- CreateIndex
CREATE INDEX "publication_comments_publication_id_created_at_idx" ON "publication_comments"("publication_id", "created_at");

-- CreateIndex
CREATE INDEX "racks_forked_from_rack_id_idx" ON "racks"("forked_from_rack_id");

-- AddForeignKey
ALTER TABLE "racks" ADD CONSTRAINT "racks_forked_from_rack_id_fkey" FOREIGN KEY ("forked_from_rack_id") REFERENCES "racks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_rack_id_fkey" FOREIGN KEY ("rack_id") REFERENCES "racks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publications" ADD CONSTRAINT "publications_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_votes" ADD CONSTRAINT "publication_votes_publication_id_fkey" FOREIGN KEY ("publication_id") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_votes" ADD CONSTRAINT "publication_votes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_comments" ADD CONSTRAINT "publication_comments_publication_id_fkey" FOREIGN KEY ("publication_id") REFERENCES "publications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication_comments" ADD CONSTRAINT "publication_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
