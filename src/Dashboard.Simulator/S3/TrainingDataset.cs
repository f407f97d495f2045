using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// The data set an endpoint's model was trained on, for use as a drift baseline: <c>datasets/{endpoint}/train.csv</c>
/// (a header row of the feature names and <c>label</c>, then one row per example) or <c>train.jsonl</c> (one JSON object
/// per line, the features and <c>label</c>). The inputs follow the training distribution: no shift, no broken feature.
/// </summary>
internal static class TrainingDataset
{
    public const string Prefix = "datasets/";
    public const int Rows = 3_000;
    public const string LabelColumn = "label";

    /// <summary>Trained two days before the endpoint was created.</summary>
    public static readonly TimeSpan TrainedBeforeCreation = TimeSpan.FromDays(2);

    public static string Root(string endpointName) => $"{Prefix}{endpointName}/";

    public static S3Entry? Entry(CaptureRecords records)
    {
        if (records.Profile.Dataset is not { } format)
        {
            return null;
        }
        var key = Root(records.Endpoint.Name) + (format == CaptureFormat.Csv ? "train.csv" : "train.jsonl");
        return new S3Entry(key, records.Endpoint.CreationTime - TrainedBeforeCreation, format == CaptureFormat.Csv ? "text/csv" : "application/jsonl",
            () => Build(records, format));
    }

    private static byte[] Build(CaptureRecords records, CaptureFormat format)
    {
        var profile = records.Profile;
        var stream = records.VariantStream("training-data");
        var minute = (records.Endpoint.CreationTime - TrainedBeforeCreation).ToUnixTimeSeconds() / 60;
        var shifts = new double[profile.Features.Count];
        using var text = new AsciiBuffer(Rows * 120);
        if (format == CaptureFormat.Csv)
        {
            text.Append(string.Join(',', profile.Features.Select(f => f.Name))).Append(',').Append(LabelColumn).Append('\n');
        }
        for (var row = 0; row < Rows; row++)
        {
            // One record per "minute" index, all at the training time: before any drift or break.
            var record = records.Make(stream, minute, row, 1, shifts);
            var truth = records.Outcome.Truth(record);
            var label = profile.Outcome.Problem == ProblemType.BinaryClassification
                ? (truth >= 0.5 ? "1" : "0")
                : CaptureWriter.Number(Math.Round(truth, 2));
            if (format == CaptureFormat.Csv)
            {
                CaptureWriter.AppendCsvInput(text, profile, record);
                text.Append(',').Append(label).Append('\n');
            }
            else
            {
                CaptureWriter.AppendJsonInput(text, profile, record);
                text.Trim(1);
                text.Append(",\"").Append(LabelColumn).Append("\":").Append(label).Append("}\n");
            }
        }
        return text.ToArray();
    }
}
