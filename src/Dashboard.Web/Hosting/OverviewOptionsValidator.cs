using Dashboard.Core.Overview;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

public sealed class OverviewOptionsValidator : IValidateOptions<OverviewOptions>
{
    public ValidateOptionsResult Validate(string? name, OverviewOptions options)
    {
        var errors = new List<string>();
        if (!double.IsFinite(options.DriftThreshold) || options.DriftThreshold <= 0)
        {
            errors.Add($"{OverviewOptions.Section}:DriftThreshold must be a positive number (was {options.DriftThreshold}).");
        }
        if (options.StaleAfter < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{OverviewOptions.Section}:StaleAfter must be at least 00:01:00 (was {options.StaleAfter}).");
        }
        if (options.RefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{OverviewOptions.Section}:RefreshInterval must be at least 00:00:01 (was {options.RefreshInterval}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
