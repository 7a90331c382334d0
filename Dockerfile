# syntax=docker/dockerfile:1
# Arealbank server image: build the jar with Maven, run it on a JRE as a non-root user.
# Tests are not run here (they need PostGIS); run `mvn -B verify` before building an image.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# npm builds the map page's plugins from package-lock.json
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY pom.xml package.json package-lock.json ./
COPY src ./src
COPY frontend ./frontend
COPY geodata ./geodata
# the cache mount keeps ~/.m2 between builds, so only changed dependencies are downloaded
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# curl for the health check only
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system arealbank \
    && useradd --system --gid arealbank --home-dir /app --shell /usr/sbin/nologin arealbank
WORKDIR /app
COPY --from=build /build/target/arealbank.jar /app/arealbank.jar
USER arealbank
EXPOSE 8080
ENV PORT=8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health || exit 1
# exec form: the JVM gets SIGTERM directly and shuts down gracefully (server.shutdown=graceful)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/arealbank.jar"]
