# syntax=docker/dockerfile:1
# Build: docker build -t authserver .
# Run:   docker run -p 8080:8080 -v authserver-data:/app/data -e Auth__Issuer=https://auth.example.com authserver

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files alone, so that the layer is reused while only code changes.
COPY Directory.Build.props Directory.Packages.props appsettings.json ./
COPY src/AuthServer/AuthServer.csproj src/AuthServer/
RUN dotnet restore src/AuthServer/AuthServer.csproj
COPY src/ src/
RUN dotnet publish src/AuthServer/AuthServer.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The database and the key ring live in /app/data: mount a volume there so they survive the container.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
COPY --from=build /app .
# The official images define the unprivileged user "app" (APP_UID 1654).
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
VOLUME /app/data
ENTRYPOINT ["dotnet", "AuthServer.dll"]
