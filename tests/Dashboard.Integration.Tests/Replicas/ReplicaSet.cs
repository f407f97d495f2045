using System.Diagnostics;
using Dashboard.Tests.Shared;

namespace Dashboard.Integration.Tests.Replicas;

/// <summary>
/// Dashboard processes on one PostgreSQL database: which one holds the worker lease (its <c>/healthz/ready</c> says
/// "This replica … holds the worker lease"), and killing it with SIGKILL to time how long the others take to take over.
/// </summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    private const string HoldsHere = "This replica (";

    private readonly List<DashboardProcess> _replicas;
    private readonly HashSet<int> _killed = [];
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(5) };

    private ReplicaSet(List<DashboardProcess> replicas) => _replicas = replicas;

    public int Count => _replicas.Count;

    /// <summary>Starts <paramref name="count"/> replicas at once with the same settings (Section__Key names), once all listen.</summary>
    public static async Task<ReplicaSet> StartAsync(int count, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var starting = Enumerable.Range(0, count)
            .Select(_ => DashboardProcess.ServeAsync(environment, TimeSpan.FromSeconds(180), cancellationToken)).ToList();
        try
        {
            return new ReplicaSet([.. await Task.WhenAll(starting)]);
        }
        catch
        {
            foreach (var replica in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await replica.Result.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>The live replica that says it holds the lease; waits up to <paramref name="timeout"/> for one.</summary>
    public async Task<int> HolderAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await FindHolderAsync(cancellationToken) is { } holder)
            {
                return holder;
            }
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"No replica held the worker lease within {timeout.TotalSeconds:0} s.\n{Logs()}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// Kills <paramref name="holder"/> with SIGKILL, runs <paramref name="afterKill"/> (to look at what it left), and returns
    /// the replica that took the lease over and how long after the kill it said so (polled every 100 ms); fails when none
    /// did within <paramref name="timeout"/>.
    /// </summary>
    public async Task<(int Holder, TimeSpan After)> KillAsync(int holder, TimeSpan timeout, Func<Task> afterKill,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await _replicas[holder].KillAsync();
        _killed.Add(holder);
        await afterKill();
        var next = await HolderAsync(timeout, cancellationToken);
        return (next, clock.Elapsed);
    }

    /// <summary>Every replica's output, for a failure message.</summary>
    public string Logs() => string.Join("\n", _replicas.Select((r, i) => $"--- replica {i}{(_killed.Contains(i) ? " (killed)" : "")} ---\n{Tail(r.Output)}"));

    private async Task<int?> FindHolderAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _replicas.Count; i++)
        {
            if (_killed.Contains(i))
            {
                continue;
            }
            try
            {
                // 503 while the collectors are not fresh yet: the body still names the lease's holder.
                using var response = await _client.GetAsync(new Uri(_replicas[i].Address, "/healthz/ready"), cancellationToken);
                if ((await response.Content.ReadAsStringAsync(cancellationToken)).Contains(HoldsHere, StringComparison.Ordinal))
                {
                    return i;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A replica too busy to answer within the client's timeout is not the one we are looking for yet.
            }
        }
        return null;
    }

    private static string Tail(string output) => output.Length <= 6000 ? output : "…" + output[^6000..];

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }
}
