# Multi-stage build of the content API. No Docker engine runs on the developers' machines: CI builds and runs it
# with podman on Debian stand-ins for the eclipse-temurin images (checks/container.sh: readiness, user, HEALTHCHECK,
# a search, a clean stop, in a 512 MiB limit). The tests run outside the image (they start an embedded PostgreSQL).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies first, so that a source change reuses this layer. Quarkus's go-offline, not the dependency plugin's:
# that one resolves optional artifacts package never needs (quarkus-rest-kotlin-parent) and fails on them.
RUN ./mvnw -B -q quarkus:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
# Uploaded pictures go to /app/files unless CONTENT_FILES_STORAGE=s3: mount a volume there (docs/media.md). The
# search index is kept in /app/index, so that a restart opens it and catches up instead of rebuilding: a volume
# there keeps it across containers too (docs/search.md).
RUN groupadd --system app && useradd --system --gid app --no-create-home --home-dir /app app \
    && mkdir -p /app/files /app/index && chown app:app /app/files /app/index
# The fast-jar layout, dependencies first since they change least. Files stay owned by root: the app cannot
# rewrite itself.
COPY --from=build /build/target/quarkus-app/lib/ /app/lib/
COPY --from=build /build/target/quarkus-app/*.jar /app/
COPY --from=build /build/target/quarkus-app/app/ /app/app/
COPY --from=build /build/target/quarkus-app/quarkus/ /app/quarkus/
USER app
# 8080: the API; 9000: health and metrics (the management interface), for probes and Prometheus only.
EXPOSE 8080 9000
# Configure with QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD and the
# CONTENT_* variables of docs/configuration.md.
ENV JAVA_OPTS="-Xmx200m -Xmn40m -Xss512k -XX:+UseSerialGC -XX:ReservedCodeCacheSize=128m -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=32m -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
# glibc gives every thread that mallocs an arena of its own (64 MiB each, mostly idle): two are plenty here.
ENV MALLOC_ARENA_MAX=2
# The embedding model's tokenizer unpacks its native library here (onnxruntime uses the temp directory): the app
# user has no home. Tried as a user with no home directory: the model loads.
ENV DJL_CACHE_DIR=/tmp/djl
ENV CONTENT_FILES_DIRECTORY=/app/files
ENV CONTENT_INDEX_DIR=/app/index
# The JRE image has bash but no guaranteed curl: ask readiness over bash's /dev/tcp, on the management port
# (QUARKUS_MANAGEMENT_PORT, 9000 unless set). No --start-period: dockerfilelint
# does not know it, and the app is ready within seconds, well inside the three 30 s retries.
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_MANAGEMENT_PORT:-9000} && printf 'GET /q/health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
