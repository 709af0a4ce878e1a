# One image recipe for the three services; `SERVICE` picks which one the image runs:
#   docker build --build-arg SERVICE=verify-service --build-arg PORT=3002 -t epass/verify-service .
# docker-compose.yml builds all three. See docs/local-stack.md.
# `node scripts/docker-replay.mjs` replays this file without a container engine (CI runs it).

# The current Node LTS; package.json `engines` lists the versions the code supports.
ARG NODE_VERSION=24

# --- deps: every dependency, dev ones included, for the build -----------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: compile, then drop dev dependencies ---------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY web ./web
# `npm run build` ends with scripts/build-pages.mjs (the pages' bundles under dist/web).
COPY scripts ./scripts
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: compiled code and production dependencies only, as the unprivileged `node` user -----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG SERVICE=pass-service
ARG PORT=3001
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    PORT=${PORT} \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The pages (apps/<service>/web and web/shared) are static files served as they are.
COPY --from=build --chown=node:node /app/apps ./apps
COPY --from=build --chown=node:node /app/web ./web
RUN test -f "dist/apps/${SERVICE}/src/main.js" || { echo "no such service: ${SERVICE}" >&2; exit 1; }
USER node
EXPOSE ${PORT}
# Liveness: the process answers. A dependency's outage must not get a container replaced;
# docker-compose.yml asks /health/ready instead, for the order in which services start.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The heap bound keeps RSS under 256 MB (scripts/lib/stack.mjs, SERVICE_NODE_FLAGS, says why).
CMD ["sh", "-c", "exec node --max-old-space-size=128 dist/apps/${SERVICE}/src/main.js"]
