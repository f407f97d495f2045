using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Alarms;

public class MetricMathTests
{
    private static readonly string[] Ids = ["m1", "m2"];

    // Series over t = 0, 60, 120, 180, 240; null is a missing timestamp.
    private static IReadOnlyList<MetricPoint> S(params double?[] values) =>
        values.Select((v, i) => (v, t: i * 60L)).Where(x => x.v is not null).Select(x => new MetricPoint(x.t, x.v!.Value)).ToList();

    private static string Show(IReadOnlyList<MetricPoint> points, int length = 5)
    {
        var byTime = points.ToDictionary(p => p.Time, p => p.Value);
        return string.Join(", ", Enumerable.Range(0, length).Select(i => byTime.TryGetValue(i * 60L, out var v) ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"));
    }

    private static string Eval(string expression, IReadOnlyList<MetricPoint> m1, IReadOnlyList<MetricPoint>? m2 = null, MathGrid? grid = null) =>
        Show(MetricMath.Evaluate(expression, new Dictionary<string, IReadOnlyList<MetricPoint>> { ["m1"] = m1, ["m2"] = m2 ?? [] }, grid));

    [Theory]
    [InlineData("m1 + m2", "m1 m2")]
    [InlineData("100 * m1 / (m1 + m2)", "m1 m2")]
    [InlineData("-m1 ^ 2 + ABS(m2)", "m1 m2")]
    [InlineData("FILL(m1, 0)", "m1")]
    [InlineData("FILL(m1, REPEAT) + FILL(m2, LINEAR)", "m1 m2")]
    [InlineData("SUM([m1, m2]) / 2", "m1 m2")]
    [InlineData("IF(m1 > 10 AND m2 < 5, 1, 0)", "m1 m2")]
    [InlineData("m1 - AVG(m1)", "m1")]
    [InlineData("errors_5xx / requests", "errors_5xx requests")]
    public void Parse_ValidExpression_ListsReferencedIds(string expression, string ids)
    {
        var result = MetricMath.Parse(expression);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(ids.Split(' '), result.Expression!.ReferencedIds);
        Assert.Equal(ids.Split(' '), MetricMath.References(expression));
    }

    [Theory]
    [InlineData("m1 + m2 * (m1 - m3)", 16, "Unknown metric id 'm3' at position 16")]
    [InlineData("(m1 + m2", 8, "Expected ')' at position 8")]
    [InlineData("m1 + ", 5, "Unexpected end of the expression at position 5")]
    [InlineData("m1 $ m2", 3, "Unexpected '$' at position 3")]
    [InlineData("abs(m1)", 0, "Functions are written in upper case: 'ABS', not 'abs', at position 0")]
    [InlineData("m1 + FOO(m2)", 5, "Unknown function 'FOO' (supported: ABS, FILL, SUM, AVG, MIN, MAX, IF) at position 5")]
    [InlineData("M1 * 2", 0, "Metric ids start with a lowercase letter: 'M1' at position 0")]
    [InlineData("SUM(m1)", 0, "The expression must produce a time series, not a single number at position 0")]
    [InlineData("m1 + [m1, m2]", 5, "A [list] can only be the argument of SUM, AVG, MIN or MAX at position 5")]
    [InlineData("FILL(m1)", 0, "FILL takes 2 arguments, not 1, at position 0")]
    [InlineData("m1 + REPEAT", 5, "REPEAT only tells FILL how to fill, as in FILL(m1, REPEAT) at position 5")]
    [InlineData("FILL(LINEAR, m1)", 5, "LINEAR only tells FILL how to fill, as in FILL(m1, LINEAR) at position 5")]
    [InlineData("FILL(m1, LINEAR + 1)", 9, "LINEAR only tells FILL how to fill, as in FILL(m1, LINEAR) at position 9")]
    [InlineData("", 0, "The expression is empty at position 0")]
    [InlineData("m1 m2", 3, "Unexpected 'm' at position 3")]
    public void Parse_InvalidExpression_PointsAtTheOffendingToken(string expression, int position, string message)
    {
        var result = MetricMath.Parse(expression, Ids);

        Assert.False(result.Success);
        Assert.Equal(new MathError(position, message), result.Error);
    }

    [Theory]
    [InlineData("m1 + m2", "1, 2, 3, -, -", "10, -, 30, 40, -", "11, 2, 33, 40, -")]
    [InlineData("m1 - m2", "1, 2, 3, -, -", "10, -, 30, 40, -", "-9, 2, -27, -40, -")]
    [InlineData("m1 * 2 + 1", "1, 2, -, 4, 5", "", "3, 5, -, 9, 11")]
    [InlineData("2 ^ m1", "1, 2, 3, -, -", "", "2, 4, 8, -, -")]
    [InlineData("-m1 ^ 2", "1, 2, 3, -, -", "", "-1, -4, -9, -, -")]
    [InlineData("(m1 + 1) * 2", "1, 2, 3, -, -", "", "4, 6, 8, -, -")]
    [InlineData("ABS(m1 - 3)", "1, 2, 3, 4, 5", "", "2, 1, 0, 1, 2")]
    public void Evaluate_Arithmetic_MissingOperandCountsAsZero(string expression, string m1, string m2, string expected) =>
        Assert.Equal(expected, Eval(expression, Parse(m1), Parse(m2)));

    [Fact]
    public void Evaluate_DivisionByZero_DropsThatDatapoint() =>
        Assert.Equal("0.5, -, 3, -, -", Eval("m1 / m2", S(1, 2, 6, 4), S(2, 0, 2)));

    [Fact]
    public void Evaluate_ScalarDivisionByZero_DropsEveryDatapoint() =>
        Assert.Equal("-, -, -, -, -", Eval("m1 * (1 / 0)", S(1, 2, 3)));

    [Fact]
    public void Evaluate_ComparisonsAndLogic_FollowTheGuidesExample()
    {
        // "Comparison and logical operators": metric1 [30, 20, 0, 0], metric2 [20, -, 20, -].
        var m1 = S(30, 20, 0, 0);
        var m2 = S(20, null, 20, null);

        Assert.Equal("0, 0, 1, 0, -", Eval("m1 < m2", m1, m2));
        Assert.Equal("1, 0, 0, 0, -", Eval("m1 >= 30", m1, m2));
        Assert.Equal("1, 0, 0, 0, -", Eval("m1 > 15 AND m2 > 15", m1, m2));
        Assert.Equal("1, 1, 1, 0, -", Eval("m1 > 15 || m2 > 15", m1, m2));
    }

    [Fact]
    public void Evaluate_IfWithThreeSeries_FollowsTheGuidesExample()
    {
        // "Using IF expressions": metric1 [1, 1, 0, 0, -], metric2 [30, -, 0, 0, 30], metric3 [0, 0, 20, -, 20] → [30, 0, 20, -, -].
        var byId = new Dictionary<string, IReadOnlyList<MetricPoint>>
        {
            ["m1"] = S(1, 1, 0, 0, null),
            ["m2"] = S(30, null, 0, 0, 30),
            ["m3"] = S(0, 0, 20, null, 20),
        };

        Assert.Equal("30, 0, 20, -, -", Show(MetricMath.Evaluate("IF(m1, m2, m3)", byId)));
        Assert.Equal("5, 5, 20, -, -", Show(MetricMath.Evaluate("IF(m1, 5, m3)", byId)));
        Assert.Equal("30, 0, 5, 5, -", Show(MetricMath.Evaluate("IF(m1, m2, 5)", byId)));
        Assert.Equal("30, 0, -, -, -", Show(MetricMath.Evaluate("IF(m1, m2)", byId)));
    }

    [Fact]
    public void Evaluate_FillWithGrid_FillsEveryMissingTimestampOfTheGrid() =>
        Assert.Equal("0, 2, 0, 0, 5", Eval("FILL(m1, 0)", S(null, 2, null, null, 5, 7), grid: new MathGrid(0, 300, 60)));

    [Fact]
    public void Evaluate_FillWithoutGrid_FillsTheInputsTimestamps() =>
        Assert.Equal("-1, 2, -1, 4, -", Eval("FILL(m1, -1) + 0 * m2", S(null, 2, null, 4), S(9, null, 9)));

    [Fact]
    public void Evaluate_FillWithSeries_TakesTheOtherSeriesValue() =>
        Assert.Equal("1, 20, -, 4, -", Eval("FILL(m1, m2)", S(1, null, null, 4), S(10, 20)));

    [Theory]
    [InlineData("REPEAT", "-, 2, 2, 2, 8, 8")]
    [InlineData("LINEAR", "-, 2, 4, 6, 8, -")]
    public void Evaluate_FillRepeatOrLinear_FillsGapsFromTheValuesAroundThem(string method, string expected) =>
        Assert.Equal(expected, Show(MetricMath.Evaluate($"FILL(m1, {method})",
            new Dictionary<string, IReadOnlyList<MetricPoint>> { ["m1"] = S(null, 2, null, null, 8) }, new MathGrid(0, 360, 60)), length: 6));

    [Fact]
    public void Evaluate_FillLinear_OfAnExpression_InterpolatesItsResult() =>
        Assert.Equal("10, 15, 20, -, -", Eval("FILL(m1 * 10, LINEAR)", S(1, null, 2), grid: new MathGrid(0, 300, 60)));

    [Theory]
    [InlineData("SUM([m1, m2])", "11, 2, 30, -, -")]
    [InlineData("AVG([m1, m2])", "5.5, 1, 15, -, -")]
    [InlineData("MIN([m1, m2])", "1, 2, 30, -, -")]
    [InlineData("MAX([m1, m2])", "10, 2, 30, -, -")]
    [InlineData("m1 - MIN(m1)", "0, 1, -, -, -")]
    [InlineData("m1 / SUM(m1)", "0.3333333333333333, 0.6666666666666666, -, -, -")]
    public void Evaluate_Aggregates_ListIsPerTimestampSingleSeriesIsANumber(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression, S(1, 2), S(10, null, 30)));

    [Fact]
    public void Evaluate_UnknownIdAtRuntime_IsASeriesWithoutData() =>
        Assert.Equal("-, -, -, -, -", Show(MetricMath.Evaluate("m9 * 2", new Dictionary<string, IReadOnlyList<MetricPoint>>())));

    [Theory]
    [InlineData("m1", true)]
    [InlineData("errors_5xx", true)]
    [InlineData("M1", false)]
    [InlineData("1m", false)]
    [InlineData("m-1", false)]
    [InlineData("", false)]
    public void IsValidId_CloudWatchRule_LowercaseLetterFirst(string id, bool valid) =>
        Assert.Equal(valid, MetricMath.IsValidId(id));

    private static IReadOnlyList<MetricPoint> Parse(string shown) => shown.Length == 0
        ? []
        : S(shown.Split(", ").Select(v => v == "-" ? (double?)null : double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
}
