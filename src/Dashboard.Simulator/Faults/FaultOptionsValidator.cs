namespace Dashboard.Simulator.Faults;

/// <summary>One invalid fault setting: <see cref="Field"/> is the JSON path ("Outages[0].End").</summary>
public sealed record FaultError(string Field, string Message)
{
    /// <summary>The same field as a configuration key: "Simulator:Faults:Outages:0:End".</summary>
    public string ConfigurationKey =>
        $"{SimulatorOptions.SectionName}:{FaultOptions.SectionName}:" + Field.Replace("].", ":").Replace('[', ':').Replace("]", "");
}

/// <summary>Checks fault settings, whether they come from configuration at start-up or from the admin API.</summary>
public static class FaultOptionsValidator
{
    /// <summary>Generous, but short enough that a typo ("SlowResponse": "10:00:00") fails instead of hanging a client.</summary>
    public static readonly TimeSpan MaxSlowResponse = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<FaultError> Validate(FaultOptions options)
    {
        var errors = new List<FaultError>();
        CheckRate(errors, nameof(FaultOptions.ThrottleRate), options.ThrottleRate);
        CheckRate(errors, nameof(FaultOptions.ServerErrorRate), options.ServerErrorRate);
        CheckRate(errors, nameof(FaultOptions.TimeoutRate), options.TimeoutRate);
        CheckRate(errors, nameof(FaultOptions.MalformedRate), options.MalformedRate);
        var total = options.ThrottleRate + options.ServerErrorRate + options.TimeoutRate + options.MalformedRate;
        if (errors.Count == 0 && total > 1 + 1e-9)
        {
            errors.Add(new(nameof(FaultOptions.ThrottleRate),
                $"plus ServerErrorRate, TimeoutRate and MalformedRate must not exceed 1 (they share one draw per request); they add up to {total:0.###}."));
        }

        if (options.SlowResponse < TimeSpan.Zero || options.SlowResponse > MaxSlowResponse)
        {
            errors.Add(new(nameof(FaultOptions.SlowResponse), $"must be between 00:00:00 and {MaxSlowResponse:c}."));
        }
        if (options.Services is not (FaultServices.CloudWatch or FaultServices.SageMaker or FaultServices.Both))
        {
            errors.Add(new(nameof(FaultOptions.Services), "must be CloudWatch, SageMaker or Both."));
        }

        if (options.MalformedCaptureEndpoint is { } endpoint
            && (endpoint.Length is 0 or > 63 || !endpoint.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || !char.IsAsciiLetterOrDigit(endpoint[0])))
        {
            errors.Add(new(nameof(FaultOptions.MalformedCaptureEndpoint), "must be an endpoint name (1–63 letters, digits and hyphens) or left out."));
        }

        var outages = options.Outages ?? [];
        for (var i = 0; i < outages.Count; i++)
        {
            var field = $"{nameof(FaultOptions.Outages)}[{i}]";
            var outage = outages[i];
            if (outage is null)
            {
                errors.Add(new(field, "must be an object with Start and End."));
                continue;
            }
            if (outage.Start is null)
            {
                errors.Add(new(field + ".Start", "is required (an absolute UTC time)."));
            }
            if (outage.End is null)
            {
                errors.Add(new(field + ".End", "is required (an absolute UTC time)."));
            }
            if (outage.Start is { } start && outage.End is { } end && end <= start)
            {
                errors.Add(new(field + ".End", "must be after Start."));
            }
        }
        return errors;
    }

    private static void CheckRate(List<FaultError> errors, string field, double rate)
    {
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            errors.Add(new(field, "must be between 0 and 1."));
        }
    }
}
