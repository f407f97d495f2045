# The dashboard in one container; its SQLite file lives on the /data volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Dashboard.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Dashboard__DatabasePath=/data/dashboard.db
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dashboard.Web.dll"]
