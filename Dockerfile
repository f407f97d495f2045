# The dashboard in one container; its SQLite file (or nothing, on PostgreSQL) lives on the /data volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Packages first, in layers of their own: only the files that decide them, so a change to the code reuses both.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Dashboard.Core/Dashboard.Core.csproj src/Dashboard.Core/
COPY src/Dashboard.Aws/Dashboard.Aws.csproj src/Dashboard.Aws/
COPY src/Dashboard.Storage/Dashboard.Storage.csproj src/Dashboard.Storage/
COPY src/Dashboard.Migrations.Sqlite/Dashboard.Migrations.Sqlite.csproj src/Dashboard.Migrations.Sqlite/
COPY src/Dashboard.Migrations.Postgres/Dashboard.Migrations.Postgres.csproj src/Dashboard.Migrations.Postgres/
COPY src/Dashboard.Simulator/Dashboard.Simulator.csproj src/Dashboard.Simulator/
COPY src/Dashboard.Web/Dashboard.Web.csproj src/Dashboard.Web/
RUN dotnet restore src/Dashboard.Web/Dashboard.Web.csproj
# apexcharts and the other front-end files (the build copies them into wwwroot/lib).
COPY wwwroot-assets/package.json wwwroot-assets/package-lock.json wwwroot-assets/
RUN npm ci --no-audit --no-fund --prefix wwwroot-assets

# .dockerignore keeps bin/, obj/ and node_modules/ out, so the restore and npm layers above stay as they are.
COPY . .
RUN dotnet publish src/Dashboard.Web -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The image's own unprivileged user "app" (APP_UID, 1654) owns the data folder and runs the dashboard; a named
# volume mounted on /data starts out with this ownership.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080 \
    Dashboard__DatabasePath=/data/dashboard.db
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
