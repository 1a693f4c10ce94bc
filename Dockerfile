# HeliosDB Nano — container image.
# Build stage: the same package list (scripts/packages.txt) and the same build
# script (scripts/build) as a developer machine and CI, so this file cannot
# drift from what is tested. Runtime stage: the binary and its shared
# libraries only.
#
#   docker build -t heliosdb-nano .
#   docker run -p 5432:5432 -e HELIOSDB_PASSWORD=s3cret heliosdb-nano
#
# A non-loopback listener with trust auth would let anyone in: the entrypoint
# refuses it unless HELIOSDB_PASSWORD is set (scram-sha-256) or
# HELIOSDB_ALLOW_TRUST=1 says so explicitly.

FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/ scripts/
RUN scripts/bootstrap
COPY . .
RUN scripts/build release \
 && cmake --install build/release --prefix /opt/heliosdb-nano

FROM debian:bookworm-slim AS runtime
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      librocksdb7.8 libssl3 libzstd1 libedit2 libboost-system1.74.0 ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/heliosdb --create-home heliosdb
COPY --from=build /opt/heliosdb-nano/bin/heliosdb-nano /usr/local/bin/heliosdb-nano
COPY scripts/docker-entrypoint /usr/local/bin/docker-entrypoint
USER heliosdb
WORKDIR /var/lib/heliosdb
EXPOSE 5432 3306 8080
# The server answers /health itself (no curl in the image).
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["heliosdb-nano", "health", "--http-port", "8080"]
ENTRYPOINT ["docker-entrypoint"]
CMD ["heliosdb-nano", "start", "--memory", "--listen", "0.0.0.0"]
