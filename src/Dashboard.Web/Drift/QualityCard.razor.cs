using Dashboard.Core.Drift.Quality;
using Dashboard.Web.Components.Charts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Drift;

/// <summary>Quality against ground truth: the last day against the baseline, one metric over time, and how much is labelled yet.</summary>
public partial class QualityCard
{
    /// <summary>The query values the card's choices live in (the page reads them and loads <see cref="Series"/>).</summary>
    public const string MetricKey = "quality";
    public const string PerKey = "qualityPer";
    public const string DaysKey = "qualityDays";

    private static readonly int[] DayChoices = [7, 30];

    private string _metric = QualityMetrics.F1;
    private ChartFeed? _feed;
    private QualitySeries? _fedSeries;
    private string? _fedMetric;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired] public string Endpoint { get; set; } = "";
    [Parameter, EditorRequired] public Core.Drift.QualityOverview Quality { get; set; } = default!;

    /// <summary>The chosen window's hours or days; null: nothing labelled in it.</summary>
    [Parameter] public QualitySeries? Series { get; set; }

    /// <summary>The metric asked for in the URL, as given (anything unknown falls back to the default).</summary>
    [Parameter] public string? Metric { get; set; }

    private ProblemType Type => Series?.Type ?? Quality.Type;

    private QualityGranularity Granularity => Series?.Granularity ?? QualityGranularity.Hour;

    private int Days => Series is null ? DayChoices[0] : (int)((Series.To - Series.From) / 86_400);

    protected override void OnParametersSet()
    {
        _metric = ChosenMetric(Type, Metric);
        if (ReferenceEquals(Series, _fedSeries) && _metric == _fedMetric)
        {
            return;
        }
        (_fedSeries, _fedMetric) = (Series, _metric);
        var series = Series;
        var metric = _metric;
        _feed = series is null ? null : new ChartFeed(QualityChart.Build(series, metric), (_, _) => Task.FromResult<ChartModel?>(QualityChart.Build(series, metric)));
    }

    /// <summary>The metric to chart: the one asked for when the model has it, else F1 for classifiers and RMSE for regressors.</summary>
    internal static string ChosenMetric(ProblemType type, string? requested) =>
        requested is not null && QualityMetrics.For(type).Contains(requested) ? requested
        : type == ProblemType.BinaryClassification ? QualityMetrics.F1 : QualityMetrics.Rmse;

    /// <summary>The URL's granularity: "day", else hourly.</summary>
    internal static QualityGranularity GranularityOf(string? per) => per == "day" ? QualityGranularity.Day : QualityGranularity.Hour;

    /// <summary>The URL's window: 30 days when asked, else 7 (no other value reaches the query).</summary>
    internal static int DaysOf(string? days) => days == "30" ? 30 : 7;

    private string Url(string key, string value) => Navigation.GetUriWithQueryParameter(key, value);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
