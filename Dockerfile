# The newsroom CMS. Build stage: all dependencies, `npm run build` (Next build + compiled server),
# then the runtime file set (scripts/runtime-stage.mjs: production dependencies, build output, no
# sources). Runtime stage: that file set only, `node` as PID 1 receiving SIGTERM from `docker stop`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY plugins/ai-disclosure/package.json plugins/ai-disclosure/package.json
COPY plugins/translation-workflow/package.json plugins/translation-workflow/package.json
RUN npm ci --no-audit --no-fund --loglevel=warn
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build --loglevel=warn && node scripts/runtime-stage.mjs assemble /runtime

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build --chown=node:node /runtime /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Exec form: node is PID 1 and gets SIGTERM itself (graceful shutdown: src/server/shutdown.ts).
# The arguments are scripts/server-args.mjs's (the runtime-stage test checks they agree).
CMD ["node", "--conditions=production", "--max-old-space-size=384", "--no-allocation-site-pretenuring", "dist/server.js"]
