using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

public enum DashboardMode
{
    /// <summary>A built-in simulated fleet that speaks AWS's wire protocols; no AWS account needed.</summary>
    Simulated,

    /// <summary>The AWS account and region the standard credential chain resolves to.</summary>
    Live,
}

/// <summary>Configuration section "Dashboard".</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    public DashboardMode Mode { get; set; } = DashboardMode.Simulated;

    /// <summary>The SQLite file; relative paths are resolved against the current directory.</summary>
    public string DatabasePath { get; set; } = "data/dashboard.db";
}

public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        string.IsNullOrWhiteSpace(options.DatabasePath)
            ? ValidateOptionsResult.Fail($"{DashboardOptions.Section}:DatabasePath must name a file.")
            : ValidateOptionsResult.Success;
}
