# Hearth server image. Build: docker build -t hearth .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY federation federation
COPY web-ui web-ui
COPY server server
RUN ./mvnw -B -q -DskipTests install

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/hearth --create-home hearth
WORKDIR /opt/hearth
COPY --from=build /src/server/target/hearth-server.jar ./hearth-server.jar
COPY --from=build /src/server/target/lib ./lib
USER hearth
ENV HEARTH_DATA_DIR=/var/lib/hearth HEARTH_BIND_ADDRESS=0.0.0.0 HEARTH_PORT=8080
EXPOSE 8080
# The same default JVM options as ./hearth run (docs/deployment.md, "Memory").
ENV JAVA_TOOL_OPTIONS="-Xmx128m -XX:+UseSerialGC -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=5000"
ENTRYPOINT ["java", "-jar", "/opt/hearth/hearth-server.jar", "run"]
