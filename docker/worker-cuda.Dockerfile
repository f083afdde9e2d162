# syntax=docker/dockerfile:1
# tomo training worker for NVIDIA GPUs: the `-Pcuda` build (libtorch for CUDA 12.4) on the CUDA 12
# runtime with a JRE. Needs the NVIDIA container toolkit on the host.
# Build from the repository root:  docker build -f docker/worker-cuda.Dockerfile -t tomo-worker:cuda .

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Pcuda -pl workers -am package

# the JRE, taken from the official image instead of installed with apt
FROM eclipse-temurin:17-jre-jammy AS jre

FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
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
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:G1PeriodicGCInterval=30000 -Dai.djl.offline=true"
USER 10001:10001
VOLUME ["/data"]
EXPOSE 9464
ENTRYPOINT ["java", "-jar", "/opt/tomo/tomo.jar"]
CMD ["worker", "--queue", "training", "--trainer", "cgcnn", "--gpus", "all", "--temporal", "temporal:7233"]
