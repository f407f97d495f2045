using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.SageMaker.Monitoring;

/// <summary>
/// The account's monitoring schedules and their executions. Every endpoint with a Model Monitor profile has an hourly
/// data-quality schedule whose executions are exactly the hours S3 holds reports for (<see cref="S3Catalog"/>): an
/// execution is InProgress until its reports land and then Completed, or CompletedWithViolations when that hour's
/// constraint_violations.json lists any. fraud-detector also has a model-quality schedule that was Stopped after its
/// executions Failed for want of ground truth, so a page of schedules has a failure to show.
/// </summary>
public sealed class MonitoringCatalog
{
    public const string HourlyCron = "cron(0 * ? * * *)";
    public const string StoppedScheduleName = "fraud-detector-model-quality";

    /// <summary>When an execution's processing job starts after its creation (provisioning the instance).</summary>
    private static readonly TimeSpan Provisioning = TimeSpan.FromSeconds(40);

    private readonly FleetScenario _scenario;
    private readonly IReadOnlyList<SimulatedSchedule> _schedules;
    private readonly Dictionary<string, SimulatedSchedule> _byName;
    private readonly Dictionary<string, SimulatedSchedule> _byJobSuffix = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Schedule, DateTimeOffset Hour), int> _violations = new();

    // Whether an hour ran is a pure function of the scenario: cached, so listing a thousand schedules' executions stays cheap.
    private readonly ConcurrentDictionary<(string Schedule, DateTimeOffset Hour), bool> _ran = new();

    public MonitoringCatalog(FleetScenario scenario)
    {
        _scenario = scenario;
        var schedules = new List<SimulatedSchedule>();
        foreach (var endpoint in scenario.Endpoints)
        {
            if (endpoint.Monitor is { } monitor)
            {
                // Baselining ran half an hour before the first execution's hour (S3Catalog); the schedule followed it.
                var created = SimulatorApp.FloorToHour(endpoint.CreationTime.AddDays(1)).AddMinutes(-20);
                schedules.Add(new SimulatedSchedule(monitor.ScheduleName, endpoint, MonitoringTypes.DataQuality, MonitoringScheduleStatuses.Scheduled,
                    created, created)
                { Monitor = monitor });
            }
        }
        if (scenario.FindEndpoint("fraud-detector") is { } fraud)
        {
            schedules.Add(StoppedModelQuality(fraud, scenario.Anchor));
        }
        _schedules = schedules;
        _byName = schedules.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var schedule in schedules)
        {
            _byJobSuffix.TryAdd(JobSuffix(schedule.Name), schedule);
        }
    }

    /// <summary>Every schedule, including those created after <c>now</c> (callers filter on CreationTime).</summary>
    public IReadOnlyList<SimulatedSchedule> Schedules => _schedules;

    public SimulatedSchedule? Find(string name, DateTimeOffset now) =>
        _byName.GetValueOrDefault(name) is { } schedule && schedule.CreationTime <= now ? schedule : null;

    /// <summary>The schedule's executions that exist at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<SimulatedExecution> Executions(SimulatedSchedule schedule, DateTimeOffset now)
    {
        if (schedule.Monitor is not { } monitor)
        {
            return schedule.History.Where(e => e.CreationTime <= now).ToList();
        }
        var reports = new S3MonitorReports(_scenario, schedule.Endpoint, monitor);
        var lastHour = SimulatorApp.FloorToHour(now);
        var executions = new List<SimulatedExecution>();
        // The same hours S3Catalog writes reports for, plus the current hour's run before its reports land.
        for (var hour = lastHour - S3Catalog.Window; hour <= lastHour; hour = hour.AddHours(1))
        {
            if (hour < schedule.CreationTime || !_ran.GetOrAdd((schedule.Name, hour), _ => reports.DriftAt(hour) is not null))
            {
                continue;
            }
            var created = hour + StartDelay(schedule.Name, hour);
            if (created > now)
            {
                continue;
            }
            var end = hour + S3Catalog.ReportDelay;
            // An outcome is read only once its reports exist: until then the run is in progress whatever they will say.
            var violations = end <= now ? ViolationsAt(schedule, reports, hour) : 0;
            executions.Add(new SimulatedExecution(schedule, hour, created, created + Provisioning, end,
                violations > 0 ? MonitoringExecutionStatuses.CompletedWithViolations : MonitoringExecutionStatuses.Completed, violations,
                JobName(schedule.Name, hour)));
        }
        return executions;
    }

    /// <summary>The execution whose processing job has this name, if it exists at <paramref name="now"/>.</summary>
    public SimulatedExecution? FindByJob(string jobName, DateTimeOffset now)
    {
        // model-monitoring-{yyyyMMddHHmm}-{8 hex of the schedule}
        var parts = jobName.Split('-');
        if (parts is not ["model", "monitoring", var stamp, var suffix]
            || !DateTimeOffset.TryParseExact(stamp, "yyyyMMddHHmm", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var scheduled)
            || !_byJobSuffix.TryGetValue(suffix, out var schedule) || schedule.CreationTime > now)
        {
            return null;
        }
        return Executions(schedule, now).FirstOrDefault(e => e.ScheduledTime == scheduled);
    }

    /// <summary>The name SageMaker gives an execution's processing job (an observed pattern; never parse it outside the simulator).</summary>
    public static string JobName(string scheduleName, DateTimeOffset scheduled) =>
        $"model-monitoring-{scheduled.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}-{JobSuffix(scheduleName)}";

    private static string JobSuffix(string scheduleName) => (Noise.OfName("monitoring-job/" + scheduleName) >> 32).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Executions start 0–20 minutes after the hour on AWS; here 1–3 minutes, always before the reports land.</summary>
    private static TimeSpan StartDelay(string scheduleName, DateTimeOffset hour) =>
        TimeSpan.FromSeconds(60 + Math.Round(120 * Noise.Uniform(Noise.OfName("monitoring-start/" + scheduleName), hour.ToUnixTimeSeconds() / 60, 0), 3));

    /// <summary>How many violations the hour's constraint_violations.json lists (the S3 file's own bytes, read once).</summary>
    private int ViolationsAt(SimulatedSchedule schedule, S3MonitorReports reports, DateTimeOffset hour) =>
        _violations.GetOrAdd((schedule.Name, hour), _ =>
        {
            using var document = JsonDocument.Parse(reports.Violations(hour));
            return document.RootElement.TryGetProperty("violations", out var list) ? list.GetArrayLength() : 0;
        });

    /// <summary>
    /// A model-quality schedule that ran for six hours four days before the anchor, failed each time because no ground
    /// truth had been uploaded, and was stopped.
    /// </summary>
    private static SimulatedSchedule StoppedModelQuality(EndpointProfile endpoint, DateTimeOffset anchor)
    {
        var created = SimulatorApp.FloorToHour(anchor.AddDays(-4).AddHours(-6)).AddMinutes(-12).AddSeconds(-8.25);
        var stopped = SimulatorApp.FloorToHour(anchor.AddDays(-4)).AddMinutes(-43).AddSeconds(3.5);
        var history = new List<SimulatedExecution>();
        var schedule = new SimulatedSchedule(StoppedScheduleName, endpoint, MonitoringTypes.ModelQuality, MonitoringScheduleStatuses.Stopped,
            created, stopped)
        { JobDefinitionName = StoppedScheduleName + "-job", History = history };
        for (var hour = SimulatorApp.FloorToHour(created).AddHours(1); hour < stopped; hour = hour.AddHours(1))
        {
            var start = hour + StartDelay(schedule.Name, hour);
            history.Add(new SimulatedExecution(schedule, hour, start, start + Provisioning, start + Provisioning + TimeSpan.FromSeconds(95),
                MonitoringExecutionStatuses.Failed, 0, JobName(schedule.Name, hour))
            {
                FailureReason = "AlgorithmError: No ground truth labels were found to merge with the captured predictions of the hour "
                    + $"{hour.AddHours(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture)}; upload them under the ground-truth "
                    + "S3 URI of the job definition.",
            });
        }
        return schedule;
    }
}
