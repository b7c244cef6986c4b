# syntax=docker/dockerfile:1
# Herald: one image per role, all from the same runtime stage (the bundled dist/ and Next's
# standalone server; no node_modules, no source).
#   web       → node .next/standalone/server.js  (npm run start:web)
#   worker    → node dist/worker.js              (npm run start:worker)
#   migrate   → node dist/migrate.js             (one-shot: applies drizzle/ and exits)
#   x-sandbox → node dist/x-sandbox.js           (only when no X app is configured)
# Node runs as the container's main process, not under npm, so that SIGTERM reaches it: the worker
# finishes its jobs in flight on `docker compose stop` (docker-compose.yml adds an init for PID 1).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/.next/standalone ./.next/standalone
COPY --from=build /app/dist ./dist
COPY --from=build /app/drizzle ./drizzle
# The media volume mounts here; a new named volume takes this directory's owner, so `node` can write.
RUN mkdir -p /data/media && chown node:node /data/media
USER node

FROM runtime AS migrate
CMD ["node", "dist/migrate.js"]

FROM runtime AS worker
CMD ["node", "dist/worker.js"]

FROM runtime AS x-sandbox
EXPOSE 4100
CMD ["node", "dist/x-sandbox.js"]

# Last, so that a plain `docker build .` gives the web image.
FROM runtime AS web
ENV HOSTNAME=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", ".next/standalone/server.js"]
