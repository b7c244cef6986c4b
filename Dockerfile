# syntax=docker/dockerfile:1
# Herald: one image per role, built from the same stages.
#   web     → npm run start:web     (Next's standalone server)
#   worker  → npm run start:worker  (dist/worker.js, bundled)
#   migrate → npm run db:migrate    (one-shot, from the build stage, which has the migrator's tools)
#   x-sandbox → npm run start:x-sandbox (only when no X app is configured)

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM build AS migrate
CMD ["npm", "run", "db:migrate"]

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

FROM runtime AS worker
CMD ["npm", "run", "start:worker"]

FROM runtime AS x-sandbox
EXPOSE 4100
CMD ["npm", "run", "start:x-sandbox"]

# Last, so that a plain `docker build .` gives the web image.
FROM runtime AS web
ENV HOSTNAME=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["npm", "run", "start:web"]
