# The whence image: the shaded jar and the bundled recordings on a Java 17 runtime.
#   docker build -t whence .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
COPY --from=build /src/app/target/whence.jar /opt/whence/whence.jar
COPY recordings /opt/whence/recordings
WORKDIR /opt/whence
ENTRYPOINT ["java", "-Xmx512m", "-XX:+UseParallelGC", "-XX:FreqInlineSize=100", "-XX:InlineSmallCode=1000", "-jar", "/opt/whence/whence.jar"]
