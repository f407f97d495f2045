using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Drift.Summaries;
using nietras.SeparatedValues;

namespace Dashboard.Core.Drift.Capture;

/// <summary>
/// Reads one data-capture file (JSON Lines, one captured request a line) into hourly feature summaries and predictions.
/// Inputs are CSV (columns named <c>_c0</c>, <c>_c1</c>… as Model Monitor names headerless columns) or JSON (a flat object
/// of named features, an array of them, or JSON Lines), base64-encoded or not. A line that cannot be read is skipped and
/// reported by number; it never reaches a summary. CSV inputs of a file are parsed together by Sep, the fastest CSV reader
/// in the registry; JSON stays UTF-8 bytes from the capture line to the summary (no strings, no documents).
/// </summary>
public static class CaptureFileReader
{
    public const string PredictionFeature = "prediction";

    /// <param name="fallbackHour">The hour of the file's folder, for records without a readable inference time.</param>
    public static CaptureFileSummary Read(ReadOnlySpan<byte> content, DateTimeOffset fallbackHour)
    {
        var reader = new FileReader(fallbackHour);
        try
        {
            return reader.Read(content);
        }
        finally
        {
            reader.Return();
        }
    }

    private static readonly string[] Columns = Enumerable.Range(0, 64).Select(i => "_c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string ColumnName(int index) => index < Columns.Length ? Columns[index] : "_c" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>A CSV field: a number when it reads as one, empty as missing, else a category.</summary>
    internal static void AddValue(FeatureSummary feature, ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            feature.AddMissing();
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            feature.AddNumber(number);
        }
        else
        {
            feature.AddCategory(value.Trim('"'));
        }
    }

    /// <summary>One file's reading state: the line parser, the file's CSV inputs (parsed together at the end) and scratch space.</summary>
    private sealed class FileReader(DateTimeOffset fallbackHour)
    {
        private readonly CaptureFileSummary _file = new();
        private readonly CaptureLine _line = new();
        private readonly HourCache _hours = new();
        private readonly CaptureJson _json = new();
        private readonly List<CsvRecord> _csvRecords = [];
        private byte[] _csv = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _csvLength;
        private byte[] _decoded = ArrayPool<byte>.Shared.Rent(4096);

        public CaptureFileSummary Read(ReadOnlySpan<byte> content)
        {
            var lineNumber = 0;
            while (!content.IsEmpty)
            {
                lineNumber++;
                var end = content.IndexOf((byte)'\n');
                var line = end < 0 ? content : content[..end];
                content = end < 0 ? [] : content[(end + 1)..];
                if (line.Trim(" \t\r"u8).IsEmpty)
                {
                    continue;
                }
                try
                {
                    _line.Read(line);
                }
                catch (JsonException)
                {
                    _file.Skip(lineNumber, "not a JSON capture record");
                    continue;
                }
                ReadRecord(lineNumber);
            }
            ReadCsvInputs();
            _file.Problems.Sort((a, b) => a.Line.CompareTo(b.Line));
            return _file;
        }

        public void Return()
        {
            ArrayPool<byte>.Shared.Return(_csv);
            ArrayPool<byte>.Shared.Return(_decoded);
        }

        private void ReadRecord(int lineNumber)
        {
            var hour = _hours.Of(_line.InferenceTime) ?? fallbackHour;
            // Read now: the line's buffer is reused by the next line, and CSV inputs are summarised after the last one.
            var prediction = Prediction.Of(_line, ref _decoded);
            if (!_line.Input.Present)
            {
                prediction.AddTo(_file, hour);
                _file.Hour(hour).Records++;
                return;
            }
            var (format, problem) = _line.Decode(_line.Input, ref _decoded, out var data);
            if (problem is not null)
            {
                _file.Skip(lineNumber, problem);
                return;
            }
            if (format == PayloadEncoding.Csv)
            {
                AddCsv(lineNumber, hour, data, prediction);
                return;
            }
            if (!_json.Read(_file.Hour(hour), data))
            {
                _file.Skip(lineNumber, "the input is not a JSON object, array or JSON Lines");
                return;
            }
            prediction.AddTo(_file, hour);
        }

        private void AddCsv(int lineNumber, DateTimeOffset hour, ReadOnlySpan<byte> data, Prediction prediction)
        {
            var rows = 0;
            foreach (var row in data.Split((byte)'\n'))
            {
                rows += data[row].Trim(" \t\r\v\f"u8).IsEmpty ? 0 : 1;
            }
            var text = data.TrimEnd("\r\n"u8);
            if (_csv.Length < _csvLength + text.Length + 1)
            {
                var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_csv.Length * 2, _csvLength + text.Length + 1));
                _csv.AsSpan(0, _csvLength).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_csv);
                _csv = grown;
            }
            text.CopyTo(_csv.AsSpan(_csvLength));
            _csvRecords.Add(new CsvRecord(lineNumber, hour, Math.Max(rows, 1), _csvLength, text.Length, prediction));
            _csvLength += text.Length;
            _csv[_csvLength++] = (byte)'\n';
        }

        private void ReadCsvInputs()
        {
            if (_csvRecords.Count > 0)
            {
                ReadCsv(_csvRecords, Encoding.UTF8.GetString(_csv.AsSpan(0, _csvLength)));
            }
        }

        private void ReadCsv(List<CsvRecord> records, string text)
        {
            // First pass: each row's column count, so a record with a row of the wrong width is left out before anything is added.
            var widths = new List<int>(records.Count);
            using (var counter = CsvReader(text))
            {
                foreach (var row in counter)
                {
                    widths.Add(row.ColCount);
                }
            }
            if (widths.Count != records.Sum(r => r.Rows))
            {
                // A quoted line break made rows and records disagree: read each record on its own.
                foreach (var record in records)
                {
                    var own = Encoding.UTF8.GetString(_csv.AsSpan(record.Start, record.Length));
                    var rows = 0;
                    using (var reader = CsvReader(own))
                    {
                        foreach (var _ in reader)
                        {
                            rows++;
                        }
                    }
                    ReadCsv([record with { Rows = rows }], own);
                }
                return;
            }
            var expected = widths.GroupBy(w => w).OrderByDescending(g => g.Count()).First().Key;
            var owner = new int[widths.Count];
            var bad = new int?[records.Count];
            for (int r = 0, row = 0; r < records.Count; r++)
            {
                for (var k = 0; k < records[r].Rows; k++, row++)
                {
                    owner[row] = r;
                    bad[r] ??= widths[row] != expected ? widths[row] : null;
                }
            }
            using (var reader = CsvReader(text))
            {
                var lastRecord = -1;
                CaptureHour? summary = null;
                foreach (var row in reader)
                {
                    var r = owner[row.RowIndex];
                    if (bad[r] is not null)
                    {
                        continue;
                    }
                    if (r != lastRecord)
                    {
                        (lastRecord, summary) = (r, _file.Hour(records[r].Hour));
                    }
                    summary!.Records++;
                    for (var i = 0; i < row.ColCount; i++)
                    {
                        AddValue(summary.Column(i), row[i].Span);
                    }
                }
            }
            for (var r = 0; r < records.Count; r++)
            {
                if (bad[r] is { } width)
                {
                    _file.Skip(records[r].Line, $"{width} CSV fields where the file's records have {expected}");
                }
                else
                {
                    records[r].Prediction.AddTo(_file, records[r].Hour);
                }
            }
        }

        private static SepReader CsvReader(string text) => Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromText(text);
    }

    private readonly record struct CsvRecord(int Line, DateTimeOffset Hour, int Rows, int Start, int Length, Prediction Prediction);

    /// <summary>Records of a file share a few hours: a time whose first 13 characters match the last one's has its hour.</summary>
    private sealed class HourCache
    {
        private readonly byte[] _prefix = new byte[13];
        private bool _hasPrefix;
        private DateTimeOffset? _hour;

        public DateTimeOffset? Of(ReadOnlySpan<byte> time)
        {
            if (time.IsEmpty)
            {
                return null;
            }
            var zulu = time.Length > 13 && time[^1] == (byte)'Z';
            if (_hasPrefix && zulu && time[..13].SequenceEqual(_prefix))
            {
                return _hour;
            }
            if (!DateTimeOffset.TryParse(Encoding.UTF8.GetString(time), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return null;
            }
            _hour = new DateTimeOffset(parsed.Year, parsed.Month, parsed.Day, parsed.Hour, 0, 0, TimeSpan.Zero);
            _hasPrefix = zulu;
            if (zulu)
            {
                time[..13].CopyTo(_prefix);
            }
            return _hour;
        }
    }
}
