# The newsroom CMS: Express + Next + Payload, built once at image build time.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY plugins/ai-disclosure/package.json plugins/ai-disclosure/package.json
COPY plugins/nested-req/package.json plugins/nested-req/package.json
COPY plugins/translation-workflow/package.json plugins/translation-workflow/package.json
RUN npm ci --no-audit --no-fund --loglevel=warn
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build --loglevel=warn

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build /app /app
RUN mkdir -p /app/media /app/data && chown -R node:node /app/media /app/data /app/.next
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npm", "start"]
