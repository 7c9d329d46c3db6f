# syntax=docker/dockerfile:1.7
# The storefront edge: the web shop (web/, built by Vite) served by Debian's nginx with its
# JavaScript module, which also runs deploy/nginx/session.js (the refresh token in an httpOnly
# cookie) and proxies /api/<prefix>/ to the services.
#
#   docker build -f deploy/container/edge.Dockerfile -t eda-edge .
#
# The nginx configuration is not in the image: the Helm chart renders it (templates/edge.yaml, the
# same locations as deploy/lib/nginx.sh writes for ./eda) with the cluster's service names and
# mounts it at /etc/eda-edge/nginx.conf, with the shop's runtime settings at
# /etc/eda-edge/shop-config.json.

ARG DEBIAN_RELEASE=bookworm

# ---- the shop -----------------------------------------------------------------------------------
# Node.js 20.19 or newer (web/package.json "engines"); bookworm's own nodejs is 18.
FROM node:20-bookworm-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
# The same command as `./eda build` (deploy/lib/build.sh build_web): type-check, then bundle.
RUN npm run build -- --outDir /out --emptyOutDir

# ---- nginx --------------------------------------------------------------------------------------
FROM debian:${DEBIAN_RELEASE}-slim
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends nginx libnginx-mod-http-js curl \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled /var/www/html \
 && groupadd --system --gid 10001 eda \
 && useradd --system --uid 10001 --gid eda --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin eda
COPY --from=web /out /usr/share/eda-shop
COPY deploy/nginx/session.js /usr/share/eda-edge/session.js
# nginx runs as the unprivileged user on 8080; its pid file and temp folders go to /tmp/nginx
# (an emptyDir under Kubernetes, where the root file system is read-only).
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD curl -fsS -m 2 -o /dev/null http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["nginx", "-e", "stderr", "-c", "/etc/eda-edge/nginx.conf"]
