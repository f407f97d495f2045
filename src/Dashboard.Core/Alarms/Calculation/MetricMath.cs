using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms.Calculation;

/// <summary>The timestamps an evaluation covers: [From, To) every Period seconds. FILL fills exactly these.</summary>
public sealed record MathGrid(long From, long To, int Period);

/// <summary>
/// Metric math for alarms: parse (<see cref="MetricMathParser"/>), list the referenced ids, evaluate over aligned series;
/// how missing values, division by zero, IF and FILL behave: docs/alarm-evaluation.md.
/// </summary>
public static class MetricMath
{
    /// <summary>CloudWatch: an alarm's math expression can use at most 10 metrics.</summary>
    public const int MaxMetrics = 10;

    /// <summary>Parses <paramref name="expression"/>; with <paramref name="knownIds"/>, an id outside it is an error.</summary>
    public static MathParseResult Parse(string expression, IReadOnlyCollection<string>? knownIds = null) =>
        MetricMathParser.Parse(expression ?? "", knownIds);

    /// <summary>The metric ids the expression uses, in order of first use; empty when it does not parse.</summary>
    public static IReadOnlyList<string> References(string expression) => Parse(expression).Expression?.ReferencedIds ?? [];

    /// <summary>A valid metric id: a lowercase letter, then letters, digits or underscores.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && char.IsAsciiLetterLower(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Parses then evaluates; throws <see cref="FormatException"/> with the error's message when it does not parse.</summary>
    public static IReadOnlyList<MetricPoint> Evaluate(string expression, IReadOnlyDictionary<string, IReadOnlyList<MetricPoint>> byId, MathGrid? grid = null)
    {
        var parsed = Parse(expression);
        return parsed.Expression is { } e ? Evaluate(e, byId, grid) : throw new FormatException(parsed.Error!.Message);
    }

    /// <summary>
    /// The expression's series. Ids missing from <paramref name="byId"/> are series without data. Without a
    /// <paramref name="grid"/>, FILL fills the union of the inputs' timestamps; with one, inputs are clipped to it.
    /// </summary>
    public static IReadOnlyList<MetricPoint> Evaluate(MathExpression expression, IReadOnlyDictionary<string, IReadOnlyList<MetricPoint>> byId, MathGrid? grid = null)
    {
        var inputs = new Dictionary<string, MetricPoint[]>(StringComparer.Ordinal);
        foreach (var id in expression.ReferencedIds)
            inputs[id] = Normalize(byId.TryGetValue(id, out var s) ? s : [], grid);
        long[] timestamps;
        if (grid is not null)
        {
            var count = grid.Period <= 0 || grid.To <= grid.From ? 0 : (int)((grid.To - grid.From + grid.Period - 1) / grid.Period);
            timestamps = new long[count];
            for (var i = 0; i < count; i++)
                timestamps[i] = grid.From + (long)i * grid.Period;
        }
        else
            timestamps = inputs.Values.SelectMany(s => s).Select(p => p.Time).Distinct().Order().ToArray();

        var result = new Evaluator(inputs, timestamps).Eval(expression.Root);
        return result.Series ?? throw new InvalidOperationException("The expression produced a number, not a time series.");
    }

    private static MetricPoint[] Normalize(IReadOnlyList<MetricPoint> points, MathGrid? grid)
    {
        var byTime = new SortedDictionary<long, double>();
        foreach (var p in points)
            if (grid is null || (p.Time >= grid.From && p.Time < grid.To))
                byTime[p.Time] = p.Value;
        return byTime.Select(kv => new MetricPoint(kv.Key, kv.Value)).ToArray();
    }

    private readonly record struct Value(double Scalar, MetricPoint[]? Series, MetricPoint[][]? List)
    {
        public static Value Of(double scalar) => new(scalar, null, null);
        public static Value Of(MetricPoint[] series) => new(0, series, null);
    }

    private sealed class Evaluator(Dictionary<string, MetricPoint[]> inputs, long[] grid)
    {
        public Value Eval(MathNode node) => node switch
        {
            MathNumber n => Value.Of(n.Value),
            MathMetric m => Value.Of(inputs[m.Id]),
            MathNegate neg => Map(Eval(neg.Operand), v => -v),
            MathBinary b => Binary(b.Operator, Eval(b.Left), Eval(b.Right)),
            MathList l => new Value(0, null, l.Items.Select(i => Eval(i).Series!).ToArray()),
            MathCall c => Call(c),
            _ => throw new InvalidOperationException(node.GetType().Name),
        };

        private Value Call(MathCall call)
        {
            var args = call.Arguments;
            switch (call.Function)
            {
                case "ABS":
                    return Map(Eval(args[0]), Math.Abs);
                case "FILL":
                    var series = Eval(args[0]).Series!;
                    return Value.Of(args[1] is MathFillMethod fill ? Interpolate(series, fill.Method) : Fill(series, Eval(args[1])));
                case "IF":
                    return If(Eval(args[0]), Eval(args[1]), args.Count > 2 ? Eval(args[2]) : null);
                default:
                    var arg = Eval(args[0]);
                    return arg.List is { } list ? Value.Of(Aggregate(call.Function, list)) : Value.Of(Reduce(call.Function, arg.Series!));
            }
        }

        private MetricPoint[] Fill(MetricPoint[] series, Value with)
        {
            var values = series.ToDictionary(p => p.Time, p => p.Value);
            var filler = with.Series?.ToDictionary(p => p.Time, p => p.Value);
            foreach (var t in grid)
            {
                if (values.ContainsKey(t))
                    continue;
                if (filler is null)
                    values[t] = with.Scalar;
                else if (filler.TryGetValue(t, out var v))
                    values[t] = v;
            }
            return Points(values);
        }

        /// <summary>REPEAT or LINEAR over the grid's missing timestamps; <paramref name="series"/> is in time order.</summary>
        private MetricPoint[] Interpolate(MetricPoint[] series, string method)
        {
            var values = series.ToDictionary(p => p.Time, p => p.Value);
            var after = 0; // the first point later than t
            foreach (var t in grid)
            {
                while (after < series.Length && series[after].Time <= t)
                    after++;
                if (values.ContainsKey(t) || after == 0)
                    continue;
                var before = series[after - 1];
                if (method == "REPEAT")
                    values[t] = before.Value;
                else if (after < series.Length)
                    values[t] = before.Value + (series[after].Value - before.Value) * (t - before.Time) / (series[after].Time - before.Time);
            }
            return Points(values);
        }

        private static Value If(Value condition, Value whenTrue, Value? whenFalse)
        {
            if (condition.Series is null)
                return condition.Scalar != 0 ? whenTrue : whenFalse ?? Value.Of([]);
            var a = whenTrue.Series?.ToDictionary(p => p.Time, p => p.Value);
            var b = whenFalse?.Series?.ToDictionary(p => p.Time, p => p.Value);
            var result = new List<MetricPoint>(condition.Series.Length);
            foreach (var p in condition.Series)
            {
                if (p.Value != 0)
                    result.Add(new(p.Time, a is null ? whenTrue.Scalar : a.GetValueOrDefault(p.Time)));
                else if (whenFalse is { } f && (b is null ? f.Series is null : b.ContainsKey(p.Time)))
                    result.Add(new(p.Time, b is null ? f.Scalar : b[p.Time]));
            }
            return Value.Of(Clean(result));
        }

        private static MetricPoint[] Aggregate(string function, MetricPoint[][] list)
        {
            var acc = new SortedDictionary<long, (double Sum, double Min, double Max)>();
            foreach (var series in list)
                foreach (var p in series)
                    acc[p.Time] = acc.TryGetValue(p.Time, out var a)
                        ? (a.Sum + p.Value, Math.Min(a.Min, p.Value), Math.Max(a.Max, p.Value))
                        : (p.Value, p.Value, p.Value);
            return acc.Select(kv => new MetricPoint(kv.Key, function switch
            {
                "SUM" => kv.Value.Sum,
                "AVG" => kv.Value.Sum / list.Length,
                "MIN" => kv.Value.Min,
                _ => kv.Value.Max,
            })).ToArray();
        }

        private static double Reduce(string function, MetricPoint[] series)
        {
            if (series.Length == 0)
                return double.NaN;
            return function switch
            {
                "SUM" => series.Sum(p => p.Value),
                "AVG" => series.Average(p => p.Value),
                "MIN" => series.Min(p => p.Value),
                _ => series.Max(p => p.Value),
            };
        }

        private static Value Map(Value value, Func<double, double> f) => value.Series is { } s
            ? Value.Of(Clean(s.Select(p => new MetricPoint(p.Time, f(p.Value)))))
            : Value.Of(f(value.Scalar));

        private static Value Binary(MathOperator op, Value left, Value right)
        {
            if (left.Series is null && right.Series is null)
                return Value.Of(Apply(op, left.Scalar, right.Scalar));
            if (right.Series is null)
                return Map(left, v => Apply(op, v, right.Scalar));
            if (left.Series is null)
                return Map(right, v => Apply(op, left.Scalar, v));

            // Union of timestamps, the missing side counting as 0.
            MetricPoint[] a = left.Series, b = right.Series;
            var result = new List<MetricPoint>(Math.Max(a.Length, b.Length));
            int i = 0, j = 0;
            while (i < a.Length || j < b.Length)
            {
                if (j >= b.Length || (i < a.Length && a[i].Time < b[j].Time))
                    result.Add(new(a[i].Time, Apply(op, a[i++].Value, 0)));
                else if (i >= a.Length || b[j].Time < a[i].Time)
                    result.Add(new(b[j].Time, Apply(op, 0, b[j++].Value)));
                else
                    result.Add(new(a[i].Time, Apply(op, a[i++].Value, b[j++].Value)));
            }
            return Value.Of(Clean(result));
        }

        private static double Apply(MathOperator op, double x, double y) => op switch
        {
            MathOperator.Add => x + y,
            MathOperator.Subtract => x - y,
            MathOperator.Multiply => x * y,
            MathOperator.Divide => y == 0 ? double.NaN : x / y,
            MathOperator.Power => Math.Pow(x, y),
            MathOperator.Equal => x == y ? 1 : 0,
            MathOperator.NotEqual => x != y ? 1 : 0,
            MathOperator.Less => x < y ? 1 : 0,
            MathOperator.LessOrEqual => x <= y ? 1 : 0,
            MathOperator.Greater => x > y ? 1 : 0,
            MathOperator.GreaterOrEqual => x >= y ? 1 : 0,
            MathOperator.And => x != 0 && y != 0 ? 1 : 0,
            _ => x != 0 || y != 0 ? 1 : 0,
        };

        /// <summary>Drops the datapoints that divided by zero or otherwise became NaN or infinite.</summary>
        private static MetricPoint[] Clean(IEnumerable<MetricPoint> points) => points.Where(p => double.IsFinite(p.Value)).ToArray();

        private static MetricPoint[] Points(Dictionary<long, double> values) =>
            values.OrderBy(kv => kv.Key).Select(kv => new MetricPoint(kv.Key, kv.Value)).Where(p => double.IsFinite(p.Value)).ToArray();
    }
}
