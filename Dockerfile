# One image for every Patchroom tier; docker-compose.yml picks the command per service.
FROM node:20-bookworm-slim AS app
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY apps/api/package.json apps/api/
COPY apps/collab/package.json apps/collab/
COPY packages/engine/package.json packages/engine/
COPY packages/doc-model/package.json packages/doc-model/
COPY packages/db/package.json packages/db/
COPY scripts scripts
COPY prisma prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production HOST=0.0.0.0
EXPOSE 3000
CMD ["node", "--import", "tsx", "apps/api/src/main.ts"]

# The web tier: the built client behind nginx, with client-side routes falling back to index.html.
FROM nginx:1.27 AS web
COPY --from=app /app/apps/web/dist /usr/share/nginx/html
COPY deploy/web.conf /etc/nginx/conf.d/default.conf
