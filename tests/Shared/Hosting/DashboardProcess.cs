using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Shared;

public sealed record AppRun(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// The built dashboard as a child process, only for what needs one: exit codes, one-shot commands, the README's
/// <c>dotnet run</c>, and measuring the process (memory, heap dumps). It listens on port 0 and its address is read from
/// the host's "Now listening on:" line; it sees only the configuration the caller sets, never the runner's shell's.
/// The process tree is killed on dispose and on a timeout.
/// </summary>
public sealed partial class DashboardProcess : IAsyncDisposable
{
    /// <summary>Variables that would configure the app (or the runtime's GC) from the environment the tests run in.</summary>
    private static readonly string[] Inherited = ["Dashboard__", "Collectors__", "Aws__", "Simulator__", "Overview__", "Baseline__",
        "Alarms__", "Notifications__", "Auth__", "ReverseProxy__", "Telemetry__", "Logging__", "Kestrel__", "ASPNETCORE_", "DOTNET_ENVIRONMENT",
        "DASHBOARD_CONFIG", "ForwardedHeaders_Enabled", "DOTNET_gc", "DOTNET_GC"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly TaskCompletionSource _outputEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;
    private string? _dataFolder;
    private Uri? _address;

    private DashboardProcess(ProcessStartInfo start)
    {
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data, _standardOutput);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, _standardError);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>Where the app listens, once <see cref="ListeningAsync"/> has seen it.</summary>
    public Uri Address => _address ?? throw new InvalidOperationException("Not listening yet.");

    /// <summary>Standard output and error as they came, interleaved.</summary>
    public string Output => Read(_output);

    /// <summary>
    /// <c>dotnet Dashboard.Web.dll</c> from src/Dashboard.Web with <paramref name="arguments"/> first (a command such as
    /// verify-audit goes there) and <c>--urls http://127.0.0.1:0</c>; <paramref name="environment"/> is added to the
    /// stripped environment (Section__Key names).
    /// </summary>
    public static DashboardProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        StartDotnet([BuildPaths.WebAppDll, .. arguments, "--urls", "http://127.0.0.1:0"], environment, BuildPaths.WebProjectDir);

    /// <summary>Any <c>dotnet</c> command (e.g. <c>run --project …</c>), with the same stripped environment and output capture.</summary>
    public static DashboardProcess StartDotnet(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => Inherited.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new DashboardProcess(start);
    }

    /// <summary>
    /// The app on a temporary database of its own (deleted on dispose), returned once it listens; the process is killed
    /// when it does not within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<DashboardProcess> ServeAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "dashboard-process-" + Guid.NewGuid().ToString("N"));
        var process = Start([], new Dictionary<string, string>(environment) { ["Dashboard__DatabasePath"] = Path.Combine(dataFolder, "dashboard.db") });
        process._dataFolder = dataFolder;
        try
        {
            await process.ListeningAsync(timeout, cancellationToken);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the app until it exits by itself (a refusal to start, a command) and returns what it said.</summary>
    public static async Task<AppRun> RunToExitAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        await using var process = Start(arguments, environment);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return new AppRun(exitCode, process.Read(process._standardOutput), process.Read(process._standardError));
    }

    /// <summary>The address from the host's "Now listening on:" line: the app is serving once it is logged.</summary>
    public async Task<Uri> ListeningAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var listening = await WaitForOutputAsync(ListeningLine(), timeout, cancellationToken);
        _address = new Uri(listening.Groups[1].Value);
        return _address;
    }

    /// <summary>
    /// The first match of <paramref name="pattern"/> in the output; fails when the process exits first, and kills it
    /// when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var ended = _outputEnded.Task.IsCompleted;
            if (pattern.Match(Output) is { Success: true } match)
            {
                return match;
            }
            if (ended)
            {
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"The dashboard exited with code {_process.ExitCode}:\n{Output}");
            }
            if (deadline.Elapsed > timeout)
            {
                await KillAsync();
                throw new TimeoutException($"The dashboard did not write '{pattern}' within {timeout.TotalSeconds:0} s:\n{Output}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits for the exit and all output; kills the process tree when <paramref name="timeout"/> passes first.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            await _outputEnded.Task.WaitAsync(bound.Token);
            await _process.WaitForExitAsync(bound.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw new TimeoutException($"The dashboard did not exit within {timeout.TotalSeconds:0} s:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (_dataFolder is not null && Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>
    /// Kills the process tree with SIGKILL (Process.Kill on Linux): a crash, in which nothing of the app runs, no lease
    /// released, no request finished. Waits until it has exited.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private void Append(string? line, StringBuilder stream)
    {
        if (line is null)
        {
            // Both streams closed: every line has been read.
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _outputEnded.TrySetResult();
            }
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
            stream.AppendLine(line);
        }
    }

    private string Read(StringBuilder text)
    {
        lock (_output)
        {
            return text.ToString();
        }
    }

    [GeneratedRegex(@"Now listening on: (https?://\S+)")]
    private static partial Regex ListeningLine();
}
