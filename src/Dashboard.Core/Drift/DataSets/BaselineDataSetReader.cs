using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;
using nietras.SeparatedValues;

namespace Dashboard.Core.Drift.DataSets;

/// <summary>
/// Reads a baseline data set as it streams in: CSV with a header row (parsed by Sep, as capture is) or JSON Lines (one flat
/// object a line, read forward-only). The label column is left out of the features; with a prediction column beside it,
/// the pairs give the baseline's quality as the problem type says, and a regressor's label alone stands as the baseline
/// of its prediction. A row of the wrong width or a line that is not a JSON object is counted and listed by line, never
/// half-added.
/// </summary>
public static class BaselineDataSetReader
{
    /// <summary>More columns than this is not a feature table (each feature keeps a summary in the database).</summary>
    public const int MaxFeatures = 1000;

    public static async Task<BaselineDataSet> ReadAsync(string uri, Stream content, DataSetFormat format, string labelColumn, ProblemType? problemType,
        CancellationToken cancellationToken)
    {
        var set = new Builder(labelColumn, problemType);
        using var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        if (format == DataSetFormat.Csv)
        {
            await ReadCsvAsync(text, set, cancellationToken);
        }
        else
        {
            await ReadJsonLinesAsync(text, set, cancellationToken);
        }
        return set.Build(uri);
    }

    /// <summary>The format a key names (<c>.csv</c>; <c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c>), or null.</summary>
    public static DataSetFormat? FormatOf(string key) =>
        key.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? DataSetFormat.Csv
        : key.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || key.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? DataSetFormat.JsonLines
        : null;

    private static async Task ReadCsvAsync(TextReader text, Builder set, CancellationToken cancellationToken)
    {
        using var reader = await Sep.New(',').Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true })
            .FromAsync(text, cancellationToken);
        var names = reader.Header.ColNames.Select(n => n.Trim()).ToArray();
        if (names.Length == 0 || names.All(n => n.Length == 0))
        {
            return;
        }
        set.Header(names);
        await foreach (var row in reader.WithCancellation(cancellationToken))
        {
            if (row.ColCount != names.Length)
            {
                set.Skip(row.LineNumberFrom, $"{row.ColCount} fields where the header has {names.Length}");
                continue;
            }
            set.Row();
            string? label = null;
            string? prediction = null;
            for (var i = 0; i < names.Length; i++)
            {
                var value = row[i].Span;
                if (set.IsLabel(i))
                {
                    label = value.Trim().ToString();
                }
                else
                {
                    if (set.IsPrediction(i))
                    {
                        prediction = value.Trim().ToString();
                    }
                    CaptureFileReader.AddValue(set.Feature(names[i]), value);
                }
            }
            set.Labelled(label, prediction);
        }
    }

    private static async Task ReadJsonLinesAsync(TextReader text, Builder set, CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        while (await text.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(line);
            if (!IsObject(bytes))
            {
                set.Skip(lineNumber, "not a JSON object");
                continue;
            }
            set.Row();
            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            string? label = null;
            string? prediction = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (string.Equals(name, set.LabelColumn, StringComparison.OrdinalIgnoreCase))
                {
                    label = Scalar(ref reader);
                    continue;
                }
                set.Column(name);
                if (name == CaptureFileReader.PredictionFeature)
                {
                    prediction = reader.TokenType is JsonTokenType.Number or JsonTokenType.String ? Scalar(ref reader) : null;
                }
                JsonValues.Add(set.Feature(name), ref reader);
            }
            set.Labelled(label, prediction);
        }
    }

    private static bool IsObject(ReadOnlySpan<byte> line) => !line.IsEmpty && line.TrimStart(" \t\r"u8) is [(byte)'{', ..] && JsonValues.IsInstance(line);

    private static string? Scalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True or JsonTokenType.False:
                return reader.TokenType == JsonTokenType.True ? "1" : "0";
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    /// <summary>Collects the summaries, the columns in file order and the skipped rows.</summary>
    private sealed class Builder(string labelColumn, ProblemType? problemType)
    {
        private readonly Dictionary<string, FeatureSummary> _features = new(StringComparer.Ordinal);
        private readonly List<string> _columns = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<CaptureProblem> _problems = [];
        private readonly QualitySummary _quality = new();
        private readonly FeatureSummary _labels = new();
        private int _labelIndex = -1;
        private int _predictionIndex = -1;
        private bool _sawLabel;
        private long _records;
        private int _skipped;

        public string LabelColumn => labelColumn;

        public void Header(string[] names)
        {
            _labelIndex = Array.FindIndex(names, n => string.Equals(n, labelColumn, StringComparison.OrdinalIgnoreCase));
            _predictionIndex = Array.IndexOf(names, CaptureFileReader.PredictionFeature);
            _sawLabel = _labelIndex >= 0;
            for (var i = 0; i < names.Length; i++)
            {
                if (i != _labelIndex)
                {
                    Column(names[i]);
                }
            }
        }

        public bool IsLabel(int index) => index == _labelIndex;

        public bool IsPrediction(int index) => index == _predictionIndex;

        public void Column(string name)
        {
            if (_seen.Add(name) && name != CaptureFileReader.PredictionFeature)
            {
                _columns.Add(name);
                if (_columns.Count > MaxFeatures)
                {
                    throw new InvalidDataException($"it has more than {MaxFeatures} feature columns");
                }
            }
        }

        public FeatureSummary Feature(string name)
        {
            if (!_features.TryGetValue(name, out var summary))
            {
                summary = new FeatureSummary();
                _features[name] = summary;
            }
            return summary;
        }

        public void Row() => _records++;

        public void Skip(long line, string message)
        {
            _skipped++;
            if (_problems.Count < CaptureFileSummary.MaxListedProblems)
            {
                _problems.Add(new CaptureProblem((int)Math.Min(line, int.MaxValue), message));
            }
        }

        public void Labelled(string? label, string? prediction)
        {
            if (label is null)
            {
                return;
            }
            _sawLabel = true;
            var labelNumber = Number(label);
            if (labelNumber is { } value)
            {
                _labels.AddNumber(value);
            }
            else if (label.Length == 0)
            {
                _labels.AddMissing();
            }
            else
            {
                _labels.AddCategory(label);
            }
            if (prediction is null || Number(prediction) is not { } score)
            {
                return;
            }
            if (problemType == ProblemType.Regression && labelNumber is { } actual)
            {
                _quality.AddRegression(score, actual);
            }
            else if (problemType == ProblemType.BinaryClassification && Positive(label) is { } positive)
            {
                _quality.AddBinary(score, positive);
            }
        }

        public BaselineDataSet Build(string uri)
        {
            // A regressor predicts the label: without a prediction column, the label's distribution is the prediction's baseline.
            if (problemType == ProblemType.Regression && !_features.ContainsKey(CaptureFileReader.PredictionFeature) && _labels.Numbers.Count > 0)
            {
                _features[CaptureFileReader.PredictionFeature] = _labels;
            }
            return new BaselineDataSet(uri, _columns, _features, _quality, _records, _skipped, _problems, _sawLabel ? labelColumn : null);
        }

        private static double? Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

        private static bool? Positive(string label) => label.Trim().ToLowerInvariant() switch
        {
            "1" or "1.0" or "true" or "yes" => true,
            "0" or "0.0" or "false" or "no" => false,
            _ => null,
        };
    }
}
