# One image per service, all from this file: SERVICE is tenant-service, care-service, billing-service or gateway.
# The jar is built first (scripts/build-images runs ./mvnw package, then builds each image with the right args).
#   docker build --build-arg SERVICE=care-service --build-arg VERSION=0.1.0-SNAPSHOT -t warmnest/care-service:<tag> .
#
# The base image: Eclipse Temurin 17 JRE on Ubuntu 24.04, pinned by its full version tag and by digest, so a rebuild
# takes exactly these bytes (update both together; see the README, "Deploying: images and the Helm chart").
ARG BASE_IMAGE=eclipse-temurin:17.0.17_10-jre-noble@sha256:fe29e96933d584ff5f2f8efa148103517974941f72e68e6db13e1888e9919cfa

# Spring Boot's layers, extracted: dependencies change seldom, the application often, so a new version of a
# service pushes and pulls only its last layer. The extracted layout also starts faster than the fat jar.
FROM ${BASE_IMAGE} AS layers
ARG SERVICE
ARG VERSION
WORKDIR /layers
COPY ${SERVICE}/target/${SERVICE}-${VERSION}.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM ${BASE_IMAGE}
ARG SERVICE
LABEL org.opencontainers.image.title="warmnest-${SERVICE}" \
      org.opencontainers.image.description="WarmNest ${SERVICE}" \
      org.opencontainers.image.vendor="WarmNest"
WORKDIR /application
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
# A numeric user with no entry and no home: the Helm chart runs it as 10001 with a read-only root filesystem and an
# emptyDir on /tmp. The files above stay root's: the service can read them, never change them.
USER 10001:10001
ENV PORT=8080
EXPOSE 8080
# Exec form: the JVM is PID 1 and gets SIGTERM itself (graceful shutdown); JAVA_TOOL_OPTIONS comes from the chart.
ENTRYPOINT ["java", "-jar", "/application/application.jar"]
