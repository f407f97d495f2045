using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Tests.Shared;

namespace Dashboard.Integration.Tests.Hosting;

/// <summary>
/// The container files, read as text (no Docker engine here; `docker-compose config` checks the syntax): the image
/// restores every project's packages before the code is copied and runs as a non-root user; the "replicas" profile
/// puts two PostgreSQL replicas behind a sticky, WebSocket-aware nginx and keeps the password out of the settings.
/// </summary>
public sealed partial class ContainerFilesTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(BuildPaths.WebProjectDir, "..", ".."));

    private static string[] DockerfileLines => File.ReadAllLines(Path.Combine(Root, "Dockerfile"));

    [Fact]
    public void Dockerfile_RestoreLayer_CopiesEveryProjectFileAndOnlyBuildInputsBeforeTheCode()
    {
        var lines = DockerfileLines.Select(l => l.Trim()).ToList();
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copyAll = lines.FindIndex(l => l == "COPY . .");
        Assert.True(restore > 0 && copyAll > restore, "dotnet restore must run before the whole tree is copied");

        var copiedBefore = lines.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).SkipLast(1)).ToList();
        Assert.All(copiedBefore, source => Assert.Matches(@"(\.csproj|\.props|global\.json)$", source));
        var projects = Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'));
        Assert.All(projects, project => Assert.Contains(project, copiedBefore));
        Assert.Contains("RUN dotnet publish src/Dashboard.Web -c Release -o /app --no-restore", lines);
    }

    [Fact]
    public void Dockerfile_FinalStage_RunsAsTheImagesNonRootUser()
    {
        var lines = DockerfileLines.Select(l => l.Trim()).ToList();
        var finalStage = lines.Skip(lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();

        var user = Assert.Single(finalStage, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"^USER\s+(root|0)(:|$)", user);
        Assert.True(finalStage.IndexOf(user) < finalStage.FindIndex(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compose_DefaultService_StaysOnSqliteWithoutAProfile()
    {
        var dashboard = Services()["dashboard"];

        Assert.DoesNotContain("profiles:", dashboard);
        Assert.Contains("Dashboard__DatabasePath: /data/dashboard.db", dashboard);
    }

    [Fact]
    public void Compose_ReplicasProfile_PostgresTwoReplicasAndAProxy_PasswordOnlyFromTheEnvironment()
    {
        var services = Services();
        // dashboard-2 is dashboard-1 (profile included) with its environment, by YAML merge keys.
        var inProfile = services.Where(s => s.Value.Contains("""profiles: ["replicas"]""", StringComparison.Ordinal)
            || s.Value.StartsWith("<<: *replica\n", StringComparison.Ordinal)).Select(s => s.Key).ToList();

        Assert.Equal(["postgres", "dashboard-1", "dashboard-2", "proxy"], inProfile);
        Assert.Contains("image: postgres:16", services["postgres"]);
        Assert.Contains("healthcheck:", services["postgres"]);
        Assert.Contains("postgres-data:/var/lib/postgresql/data", services["postgres"]);
        var replica = services["dashboard-1"];
        Assert.Contains("Dashboard__Database__Provider: Postgres", replica);
        Assert.Contains("Dashboard__Database__ConnectionString: Host=postgres;Database=dashboard;Username=dashboard", replica);
        Assert.Contains("PGPASSWORD: ${POSTGRES_PASSWORD", replica);
        Assert.Contains("condition: service_healthy", replica);
        Assert.Contains("<<: *replica-environment", services["dashboard-2"]);
        Assert.DoesNotMatch("(?i)ConnectionString:.*password", File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
    }

    [Fact]
    public void Proxy_StickyWithWebSocketUpgradeAndLongTimeouts_InFrontOfBothReplicas()
    {
        Assert.Contains("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro", Services()["proxy"]);
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));

        Assert.Matches(@"upstream dashboard \{[^}]*\bip_hash;", nginx);
        Assert.Equal(["dashboard-1:8080", "dashboard-2:8080"], UpstreamServer().Matches(nginx).Select(m => m.Groups[1].Value));
        Assert.Contains("proxy_http_version 1.1;", nginx);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", nginx);
        // SignalR's client gives up after 30 s without a message; the proxy must not close a quiet socket sooner.
        Assert.True(Seconds(nginx, "proxy_read_timeout") >= 60 && Seconds(nginx, "proxy_send_timeout") >= 60);
    }

    /// <summary>Each top-level service of docker-compose.yml with its indented block, in file order.</summary>
    private static Dictionary<string, string> Services()
    {
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var inServices = false;
        foreach (var line in File.ReadAllLines(Path.Combine(Root, "docker-compose.yml")))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#'))
            {
                inServices = line == "services:";
                current = null;
                continue;
            }
            if (!inServices)
            {
                continue;
            }
            if (ServiceName().Match(line) is { Success: true } name)
            {
                current = name.Groups[1].Value;
                services[current] = "";
            }
            else if (current is not null)
            {
                services[current] += line.Trim() + "\n";
            }
        }
        return services;
    }

    private static int Seconds(string nginx, string directive) =>
        int.Parse(Regex.Match(nginx, directive + @"\s+(\d+)s;").Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^  ([a-z0-9-]+):")]
    private static partial Regex ServiceName();

    [GeneratedRegex(@"^\s*server\s+([a-z0-9-]+:\d+)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();
}
