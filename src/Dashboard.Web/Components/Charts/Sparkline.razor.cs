using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Charts;

/// <summary>A tiny inline SVG trend: a polyline scaled to its min/max, the latest value as a dot and a tooltip.</summary>
public sealed partial class Sparkline : ComponentBase
{
    /// <summary>Radius of the latest-value dot; the drawing is inset by a little more so the dot is never clipped.</summary>
    public const double DotRadius = 2;

    private SparklineGeometry _geometry = SparklineGeometry.Empty;

    [Parameter, EditorRequired]
    public IReadOnlyList<double> Values { get; set; } = [];

    [Parameter]
    public int Width { get; set; } = 120;

    [Parameter]
    public int Height { get; set; } = 28;

    /// <summary>Any CSS colour; defaults to the theme's primary colour.</summary>
    [Parameter]
    public string? Color { get; set; }

    /// <summary>Lower edge of the baseline range to shade (needs <see cref="BandHigh"/> too).</summary>
    [Parameter]
    public double? BandLow { get; set; }

    [Parameter]
    public double? BandHigh { get; set; }

    /// <summary>A threshold drawn as a dashed line (an alarm's), kept inside the scale.</summary>
    [Parameter]
    public double? Threshold { get; set; }

    /// <summary>Appended to the latest value in the tooltip, e.g. "%".</summary>
    [Parameter]
    public string? Unit { get; set; }

    /// <summary>data-testid, class, style… land on the svg element.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    private string StrokeColor => Color ?? "var(--mud-palette-primary)";

    private string TitleText
    {
        get
        {
            var last = Values.LastOrDefault(double.IsFinite, double.NaN);
            return double.IsFinite(last) ? $"Latest: {ChartFormat.ValueWithUnit(last, Unit)}" : "No data";
        }
    }

    protected override void OnParametersSet() =>
        _geometry = SparklineGeometry.Compute(Values, Width, Height, DotRadius + 0.5, BandLow, BandHigh, Threshold);

    // SVG attributes need '.' decimals whatever the request culture is.
    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Pixel positions for <see cref="Sparkline"/>; separate so the scaling is testable without markup.</summary>
internal sealed record SparklineGeometry(IReadOnlyList<(double X, double Y)> Points, (double Top, double Height)? Band,
    double? ThresholdY = null)
{
    public static readonly SparklineGeometry Empty = new([], null);

    public string PolylinePoints
    {
        get
        {
            var text = new StringBuilder();
            foreach (var (x, y) in Points)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }
                text.Append(x.ToString("0.##", CultureInfo.InvariantCulture)).Append(',')
                    .Append(y.ToString("0.##", CultureInfo.InvariantCulture));
            }
            return text.ToString();
        }
    }

    /// <param name="pad">Inset on every side so the end dot is not clipped.</param>
    public static SparklineGeometry Compute(IReadOnlyList<double> values, double width, double height, double pad,
        double? bandLow, double? bandHigh, double? threshold = null)
    {
        // A missing sample (NaN) is skipped rather than drawn at zero, which would read as a real drop.
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return Empty;
        }
        var hasBand = bandLow is { } lowValue && bandHigh is { } highValue && double.IsFinite(lowValue) && double.IsFinite(highValue);
        var min = finite.Min();
        var max = finite.Max();
        if (hasBand)
        {
            min = Math.Min(min, Math.Min(bandLow!.Value, bandHigh!.Value));
            max = Math.Max(max, Math.Max(bandLow.Value, bandHigh.Value));
        }
        var hasThreshold = threshold is { } t && double.IsFinite(t);
        if (hasThreshold)
        {
            min = Math.Min(min, threshold!.Value);
            max = Math.Max(max, threshold.Value);
        }

        var innerWidth = Math.Max(0, width - 2 * pad);
        var innerHeight = Math.Max(0, height - 2 * pad);
        var range = max - min;
        // All-equal values have no scale: draw them as a flat line through the middle.
        double Y(double v) => range > 0 ? pad + (max - v) / range * innerHeight : height / 2;

        var points = new (double X, double Y)[finite.Length];
        for (var i = 0; i < finite.Length; i++)
        {
            // One value has no width to spread over: it sits at the right edge, where the latest value always is.
            var x = finite.Length == 1 ? width - pad : pad + i * innerWidth / (finite.Length - 1);
            points[i] = (x, Y(finite[i]));
        }

        (double Top, double Height)? band = null;
        if (hasBand)
        {
            var top = Y(Math.Max(bandLow!.Value, bandHigh!.Value));
            var bottom = Y(Math.Min(bandLow.Value, bandHigh.Value));
            band = (top, Math.Max(bottom - top, 1));
        }
        return new SparklineGeometry(points, band, hasThreshold ? Y(threshold!.Value) : null);
    }
}
