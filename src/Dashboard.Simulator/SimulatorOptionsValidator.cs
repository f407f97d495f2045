using Dashboard.Simulator.Faults;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator;

/// <summary>Fails start-up with the offending configuration key named, rather than simulating nonsense.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var errors = new List<string>();
        if (options.AccountId is not { Length: 12 } || !options.AccountId.All(char.IsAsciiDigit))
        {
            errors.Add("Simulator:AccountId must be 12 digits.");
        }
        if (string.IsNullOrWhiteSpace(options.Region))
        {
            errors.Add("Simulator:Region is required.");
        }
        if (string.IsNullOrWhiteSpace(options.AccessKeyId))
        {
            errors.Add("Simulator:AccessKeyId is required.");
        }
        if (string.IsNullOrWhiteSpace(options.SecretAccessKey))
        {
            errors.Add("Simulator:SecretAccessKey is required.");
        }
        if (options.ListMetricsPageSize is < 1 or > 500)
        {
            errors.Add("Simulator:ListMetricsPageSize must be between 1 and 500.");
        }
        if (options.FleetSize is < 1 or > Scenario.FleetClones.MaxSize)
        {
            errors.Add($"Simulator:FleetSize must be between 1 and {Scenario.FleetClones.MaxSize} (was {options.FleetSize}).");
        }
        if (!(options.DeploymentSpeed > 0) || double.IsInfinity(options.DeploymentSpeed))
        {
            errors.Add($"Simulator:DeploymentSpeed must be a number greater than 0 (was {options.DeploymentSpeed}).");
        }
        if (!(options.PipelineSpeed > 0) || double.IsInfinity(options.PipelineSpeed))
        {
            errors.Add($"Simulator:PipelineSpeed must be a number greater than 0 (was {options.PipelineSpeed}).");
        }
        if (options.SessionToken is { } token && string.IsNullOrWhiteSpace(token))
        {
            errors.Add("Simulator:SessionToken must be left out or be non-empty.");
        }
        if (options.CaptureRecordsPerHour is < 1 or > 100_000)
        {
            errors.Add($"Simulator:CaptureRecordsPerHour must be between 1 and 100000 (was {options.CaptureRecordsPerHour}).");
        }
        if (options.CaptureHistoryDays is < 1 or > 31)
        {
            errors.Add($"Simulator:CaptureHistoryDays must be between 1 and 31 (was {options.CaptureHistoryDays}).");
        }
        errors.AddRange(FaultOptionsValidator.Validate(options.Faults ?? new FaultOptions())
            .Select(e => $"{e.ConfigurationKey} {e.Message}"));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
