namespace Dashboard.Web.Hosting;

/// <summary>The dashboard refused to start: the exit code the README documents and the lines that say why (for stderr).</summary>
public sealed class DashboardStartupException(int exitCode, IReadOnlyList<string> lines)
    : Exception(string.Join(Environment.NewLine, lines))
{
    /// <summary>The database cannot be opened or migrated.</summary>
    public const int StorageFailed = 1;

    /// <summary>The configuration has errors; nothing was started or written.</summary>
    public const int ConfigurationInvalid = 2;

    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Lines { get; } = lines;
}
