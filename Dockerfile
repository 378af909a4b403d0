# Minutebook in HTTP mode (Slack Events API on PORT, /healthz, /readyz, /metrics).
# Build: docker build -t minutebook .     Run with Postgres: docker compose up (see compose.yaml)

# 1. Production dependencies only, exactly as package-lock.json pins them.
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 2. The runtime: no build step (Node runs the TypeScript sources), no compilers, no npm cache.
FROM node:24-slim
ENV NODE_ENV=production \
    MINUTEBOOK_DATA_DIR=/app/data \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY prompts ./prompts
COPY samples ./samples
COPY data-files ./data-files
# The embedded database (used only when DATABASE_URL is unset) lives in a folder the app user owns.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=4", "bin/minutebook.js", "serve"]
