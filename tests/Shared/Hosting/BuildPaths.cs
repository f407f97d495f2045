using System.Reflection;

namespace Dashboard.Tests.Shared;

/// <summary>Paths the test project's build wrote into its assembly (AssemblyMetadata items in the .csproj).</summary>
public static class BuildPaths
{
    /// <summary>src/Dashboard.Web, the content root the app runs from in tests as in the README.</summary>
    public static string WebProjectDir => Of("WebProjectDir");

    /// <summary>The built Dashboard.Web.dll of this build's configuration.</summary>
    public static string WebAppDll => Of("WebAppDll");

    /// <summary>
    /// The repository's appsettings.json as the built app reads it (next to Dashboard.Web.dll); a test assembly's own
    /// folder holds the simulator's file of the same name.
    /// </summary>
    public static string WebAppConfig => Path.Combine(Path.GetDirectoryName(WebAppDll)!, "appsettings.json");

    public static string Of(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test project sets no AssemblyMetadata '{key}'.");
}
