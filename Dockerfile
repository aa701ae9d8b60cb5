# A vertx-asterisk node: the launcher's fat jar on a JRE. Built by docker-compose.yml (services
# node1..node3), or by hand:  docker build -t vertx-asterisk-node .
# No secret is baked in: AMI/ARI credentials and the bridge token come from the environment at run
# time (ASTERISK_SUITE_... overrides, see docs/operations.md).

# --- build: the node and the modules it needs, tests skipped (CI runs them) ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -pl bridge-verticle -am package -DskipTests

# --- run ---
FROM eclipse-temurin:17-jre
# curl for the compose healthcheck (GET /health/cluster on the monitoring port)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /opt/vertx-asterisk vertx
WORKDIR /opt/vertx-asterisk
COPY --from=build /src/bridge-verticle/target/vertx-asterisk-node.jar ./vertx-asterisk-node.jar
COPY conf/docker/node.json conf/docker/logging.properties ./conf/
USER vertx
# 5701 Hazelcast, 7000 TCP bridge, 8080 SockJS bridge, 9100 health + metrics
EXPOSE 5701 7000 8080 9100
# exec form: java is PID 1 and gets docker's SIGTERM itself (graceful shutdown, exit 0)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/vertx-asterisk/vertx-asterisk-node.jar"]
CMD ["--conf", "/opt/vertx-asterisk/conf/node.json"]
