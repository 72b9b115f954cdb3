# kiro-gateway container image. UNTESTED: written without a Docker engine at hand (see README).
#
#   docker build -t kiro-gateway .
#   docker run --rm -p 8000:8000 -e PROXY_API_KEY=change-me -e REFRESH_TOKEN=... kiro-gateway
#   docker run --rm -p 8000:8000 kiro-gateway --demo          # no Kiro account needed
#
# Stage 1 builds the jlink runtime image (the -Pdist profile) with Maven on a full JDK 25.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml LICENSE README.md ./
RUN ./mvnw -B -ntp -q dependency:go-offline || true
COPY src/ src/
RUN ./mvnw -B -ntp -q -Pdist -DskipTests package \
 && mkdir /opt/kiro-gateway \
 && cp -a target/dist/kiro-gateway-*/. /opt/kiro-gateway/

# Stage 2 runs it on a slim glibc base (the jlink runtime and the SQLite native library need glibc);
# no JDK or JRE is installed, the image carries its own.
FROM debian:bookworm-slim
RUN useradd --system --create-home --home-dir /home/kiro --uid 10001 kiro
COPY --from=build /opt/kiro-gateway /opt/kiro-gateway
USER kiro
WORKDIR /home/kiro
# listen on every interface inside the container; publish the port with -p to choose who reaches it
ENV SERVER_HOST=0.0.0.0 \
    SERVER_PORT=8000
EXPOSE 8000
# bash's /dev/tcp keeps curl out of the image; /health answers 200 while the server is up
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8000} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/opt/kiro-gateway/bin/kiro-gateway"]
