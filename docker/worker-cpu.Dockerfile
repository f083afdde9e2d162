# syntax=docker/dockerfile:1
# tomo worker for CPUs: the `tomo` launcher jar and its libraries (libtorch for CPU included) on a JRE.
# Build from the repository root:  docker build -f docker/worker-cpu.Dockerfile -t tomo-worker:cpu .

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# the Maven repository is a build cache, not a layer: rebuilds download nothing twice
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl workers -am package

FROM eclipse-temurin:17-jre-jammy
# tcmalloc serves libtorch's tensors: flat resident memory across epochs at full speed, where glibc
# malloc fragments (bench/README.md, "CGCNN training"). The base image's tag fixes the distribution
# release, and with it the package version.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libtcmalloc-minimal4 \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 tomo \
    && useradd --system --uid 10001 --gid tomo --home-dir /data --shell /usr/sbin/nologin tomo \
    && mkdir -p /data/cache /data/artifacts \
    && chown -R tomo:tomo /data
WORKDIR /opt/tomo
COPY --from=build /src/workers/target/tomo.jar ./tomo.jar
COPY --from=build /src/workers/target/lib ./lib
ENV TOMO_CACHE=/data/cache \
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:G1PeriodicGCInterval=30000 -Dai.djl.offline=true"
USER 10001:10001
VOLUME ["/data"]
# /metrics of the worker (--metrics-port)
EXPOSE 9464
ENTRYPOINT ["java", "-jar", "/opt/tomo/tomo.jar"]
CMD ["worker", "--queue", "training", "--trainer", "cgcnn", "--temporal", "temporal:7233"]
