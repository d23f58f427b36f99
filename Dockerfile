# tiescore API / worker image: `docker compose` builds it for the api and worker services.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/prepare.mjs ./scripts/prepare.mjs
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY cypher ./cypher
COPY models ./models
USER node
ENTRYPOINT ["node", "bin/tiescore.js"]
CMD ["serve"]
