using System.Globalization;
using Dashboard.Core.Comparison;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Comparison;

/// <summary>
/// "A/B: is B better than A?" on an endpoint with two or more variants: the variant with the largest weight (the first
/// of equals) is the control and every other one is compared with it over the page's range, from stored series only.
/// A live range follows the clock as new minutes are stored.
/// </summary>
public sealed partial class AbComparisonCard : IDisposable
{
    private IReadOnlyList<VariantComparison>? _comparisons;
    private TimeRange? _window;
    private string? _loadedFor;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _disposed = new();

    [Parameter, EditorRequired] public EndpointState Endpoint { get; set; } = default!;

    /// <summary>The page's selected range.</summary>
    [Parameter, EditorRequired] public TimeRange Range { get; set; } = default!;

    [Inject] private VariantComparer Comparer { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private string WindowText => _window is { } window
        ? $"{Utc(window.From)} – {Utc(window.To)} UTC"
        : "";

    protected override void OnInitialized() =>
        _subscription = Live.Subscribe(change => change.Has(LiveChangeKind.Metrics) && change.Concerns(Endpoint.Name) && Range.IsRelative
            ? InvokeAsync(async () =>
            {
                await LoadAsync(TimeRange.Parse(Range.Key, null, null, Time.GetUtcNow()));
                StateHasChanged();
            })
            : Task.CompletedTask, TimeSpan.FromSeconds(5));

    protected override async Task OnParametersSetAsync()
    {
        // The page re-renders on every live change; only another endpoint, split or range is worth reading again here.
        var key = string.Join('|', Endpoint.Name, Range.From.ToUnixTimeSeconds(), Range.To.ToUnixTimeSeconds(),
            string.Join(',', Endpoint.Variants.Select(v => $"{v.Name}={v.CurrentWeight.ToString(CultureInfo.InvariantCulture)}")));
        if (key != _loadedFor)
        {
            _loadedFor = key;
            await LoadAsync(Range);
        }
    }

    private async Task LoadAsync(TimeRange window)
    {
        if (Endpoint.Variants.Count < 2 || _disposed.IsCancellationRequested)
        {
            _comparisons = null;
            return;
        }
        var (control, candidates) = Roles(Endpoint);
        var comparisons = new List<VariantComparison>();
        foreach (var candidate in candidates)
        {
            comparisons.Add(await Comparer.CompareAsync(Endpoint.Name, control, candidate, window.From, window.To, _disposed.Token));
        }
        _comparisons = comparisons;
        _window = window;
    }

    /// <summary>The control is the variant with the largest weight, the first of equals; every other variant is a candidate.</summary>
    public static (string Control, IReadOnlyList<string> Candidates) Roles(EndpointState endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var control = endpoint.Variants.Aggregate((best, v) => v.CurrentWeight > best.CurrentWeight ? v : best).Name;
        return (control, endpoint.Variants.Select(v => v.Name).Where(n => n != control).ToList());
    }

    private static string Needed(VariantComparison comparison)
    {
        var parts = new List<string>();
        if (comparison.MoreRequestsNeeded > 0)
        {
            parts.Add($"about {ComparisonText.Count(comparison.MoreRequestsNeeded)} more requests per variant");
        }
        if (comparison.MoreMinutesNeeded > 0)
        {
            parts.Add($"{comparison.MoreMinutesNeeded} more minutes with traffic");
        }
        return parts.Count == 0 ? "" : $"For a verdict: {string.Join(" and ", parts)} needed.";
    }

    private static string VerdictText(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Pass => "Pass",
        ComparisonVerdict.Fail => "Fail",
        _ => "Not enough traffic",
    };

    private static MudBlazor.Color VerdictColor(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Pass => MudBlazor.Color.Success,
        ComparisonVerdict.Fail => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM HH:mm", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
