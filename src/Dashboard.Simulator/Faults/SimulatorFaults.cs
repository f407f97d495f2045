using Dashboard.Simulator.Deployments;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.Faults;

/// <summary>
/// The fault settings in force and what they have done. Starts from Simulator:Faults; tests and in-process hosts
/// change it through <c>app.Services.GetRequiredService&lt;SimulatorFaults&gt;()</c>, others through
/// <c>/_simulator/faults</c>. Each request's fault is a hash of (seed, sequence number), so the same settings and
/// the same order of requests inject the same faults.
/// </summary>
public sealed class SimulatorFaults : IDeploymentFaults
{
    private static readonly ulong Stream = Noise.OfName("faults");

    private readonly object _gate = new();
    private readonly int _defaultSeed;
    private readonly TimeProvider _time;
    private FaultOptions _settings;
    private long _sequence;
    private long _requests, _outages, _expired, _throttled, _serverErrors, _timeouts, _malformed, _slowed;

    public SimulatorFaults(IOptions<SimulatorOptions> options, TimeProvider time)
    {
        _defaultSeed = options.Value.Seed;
        _time = time;
        // Already validated at start-up (SimulatorOptionsValidator).
        _settings = (options.Value.Faults ?? new FaultOptions()).Clone();
    }

    /// <summary>A copy of the settings in force.</summary>
    public FaultOptions Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings.Clone();
            }
        }
    }

    public FaultCounts Injected
    {
        get
        {
            lock (_gate)
            {
                return new FaultCounts
                {
                    Requests = _requests,
                    Outages = _outages,
                    ExpiredCredentials = _expired,
                    Throttled = _throttled,
                    ServerErrors = _serverErrors,
                    Timeouts = _timeouts,
                    Malformed = _malformed,
                    Slowed = _slowed,
                };
            }
        }
    }

    /// <summary>FailNextRollback is used up by the rollback it fails.</summary>
    public bool TakeRollbackFailure()
    {
        lock (_gate)
        {
            if (!_settings.FailNextRollback)
            {
                return false;
            }
            _settings.FailNextRollback = false;
            return true;
        }
    }

    /// <summary>FailNextPipelineExecution is used up by the execution it fails.</summary>
    public bool TakePipelineFailure()
    {
        lock (_gate)
        {
            if (!_settings.FailNextPipelineExecution)
            {
                return false;
            }
            _settings.FailNextPipelineExecution = false;
            return true;
        }
    }

    public bool SilentRollbacks
    {
        get
        {
            lock (_gate)
            {
                return _settings.SilentRollbacks;
            }
        }
    }

    /// <summary>The endpoint whose capture files hold bad lines (FaultOptions.MalformedCaptureEndpoint), or null.</summary>
    public string? MalformedCaptureEndpoint
    {
        get
        {
            lock (_gate)
            {
                return _settings.MalformedCaptureEndpoint;
            }
        }
    }

    /// <summary>Replaces the settings, restarting the sequence and the counts.</summary>
    /// <exception cref="FaultSettingsException">The settings are invalid; nothing changed.</exception>
    public void Set(FaultOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = FaultOptionsValidator.Validate(settings);
        if (errors.Count > 0)
        {
            throw new FaultSettingsException(errors);
        }
        var copy = settings.Clone();
        lock (_gate)
        {
            _settings = copy;
            _sequence = 0;
            _requests = _outages = _expired = _throttled = _serverErrors = _timeouts = _malformed = _slowed = 0;
        }
    }

    /// <summary>No faults from now on.</summary>
    public void Clear() => Set(new FaultOptions());

    /// <summary>The draw for request <paramref name="sequence"/> (0-based) under <paramref name="settings"/>.</summary>
    public static FaultKind Draw(FaultOptions settings, int seed, long sequence)
    {
        var u = Noise.Uniform(Stream ^ (ulong)(uint)seed, sequence, 0);
        var edge = settings.ThrottleRate;
        if (u < edge)
        {
            return FaultKind.Throttle;
        }
        edge += settings.ServerErrorRate;
        if (u < edge)
        {
            return FaultKind.ServerError;
        }
        edge += settings.TimeoutRate;
        if (u < edge)
        {
            return FaultKind.Timeout;
        }
        edge += settings.MalformedRate;
        return u < edge ? FaultKind.Malformed : FaultKind.None;
    }

    /// <summary>Whether <paramref name="service"/> is in one of the outage windows now (counted if so).</summary>
    internal bool InOutage(AwsService service)
    {
        lock (_gate)
        {
            if (!AppliesTo(service) || _settings.Outages.Count == 0)
            {
                return false;
            }
            var now = _time.GetUtcNow();
            if (!_settings.Outages.Any(o => o.Contains(now)))
            {
                return false;
            }
            _outages++;
            return true;
        }
    }

    /// <summary>
    /// The fault for an authenticated request and how long to wait before acting on it. Not counted yet: the
    /// injector records it once any wait has started, so a test that sees the count can move a fake clock safely.
    /// </summary>
    internal (FaultKind Kind, TimeSpan Delay) Next(AwsService service)
    {
        lock (_gate)
        {
            if (!AppliesTo(service))
            {
                return (FaultKind.None, TimeSpan.Zero);
            }
            _requests++;
            var kind = _settings.ExpiredCredentials
                ? FaultKind.ExpiredCredentials
                : Draw(_settings, _settings.Seed ?? _defaultSeed, _sequence++);
            return (kind, _settings.SlowResponse);
        }
    }

    internal void Record(FaultKind kind)
    {
        lock (_gate)
        {
            switch (kind)
            {
                case FaultKind.ExpiredCredentials: _expired++; break;
                case FaultKind.Throttle: _throttled++; break;
                case FaultKind.ServerError: _serverErrors++; break;
                case FaultKind.Timeout: _timeouts++; break;
                case FaultKind.Malformed: _malformed++; break;
            }
        }
    }

    internal void RecordSlowed()
    {
        lock (_gate)
        {
            _slowed++;
        }
    }

    private bool AppliesTo(AwsService service) =>
        !_settings.IsEmpty && (service == AwsService.CloudWatch ? _settings.Services.HasFlag(FaultServices.CloudWatch)
            : service == AwsService.SageMaker && _settings.Services.HasFlag(FaultServices.SageMaker));
}

/// <summary>Fault settings that did not validate; <see cref="Errors"/> names each field.</summary>
public sealed class FaultSettingsException(IReadOnlyList<FaultError> errors)
    : ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field} {e.Message}")))
{
    public IReadOnlyList<FaultError> Errors { get; } = errors;
}
