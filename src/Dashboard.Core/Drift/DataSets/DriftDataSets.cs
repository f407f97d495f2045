using System.Globalization;
using Dashboard.Core.S3;
using Dashboard.Core.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Drift.DataSets;

/// <summary>
/// Makes a data set in S3 an endpoint's drift baseline: checks the caller may (before any S3 read), streams the object
/// through <see cref="BaselineDataSetReader"/> within <see cref="DriftOptions.DataSetTimeout"/> and
/// <see cref="DriftOptions.DataSetMaxBytes"/>, and stores it only when it has a usable feature. Any failure is an
/// <see cref="ArgumentException"/> whose message is meant for the URI field, and leaves the baseline in force as it was.
/// </summary>
public sealed class DriftDataSets(IS3ObjectClient s3, IDriftBaselineStore pins, DriftReadBoard board, IOptions<DriftOptions> options, TimeProvider timeProvider)
{
    public const int MaxUriLength = 1024;

    /// <exception cref="AccessDeniedException">The actor may not pin baselines.</exception>
    /// <exception cref="ArgumentException">The URI is malformed, the object cannot be read, or it holds no usable feature.</exception>
    public async Task<DriftBaseline> UseAsync(Actor actor, string endpoint, string? uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PinBaselines);
        var (bucket, key) = Parse(uri);
        uri = $"s3://{bucket}/{key}";
        var format = BaselineDataSetReader.FormatOf(key)
            ?? throw new ArgumentException("Name a .csv file (with a header row) or a .jsonl file (JSON Lines).", nameof(uri));
        var limits = options.Value;
        using var timeout = new CancellationTokenSource(limits.DataSetTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        BaselineDataSet set;
        try
        {
            await using var content = await s3.OpenObjectAsync(new S3GetObjectRequest(bucket, key), linked.Token);
            if (content.Length > limits.DataSetMaxBytes)
            {
                throw new ArgumentException($"{uri} is {Size(content.Length.Value)}; a baseline data set can be at most {Size(limits.DataSetMaxBytes)} "
                    + $"({DriftOptions.Section}:DataSetMaxBytes). Take a sample of it.", nameof(uri));
            }
            await using var bounded = new BoundedStream(content.Content, limits.DataSetMaxBytes);
            set = await BaselineDataSetReader.ReadAsync(uri, bounded, format, limits.LabelColumn, board.SourceOf(endpoint)?.ProblemType, linked.Token);
        }
        catch (AwsServiceException e)
        {
            throw new ArgumentException(e.ErrorCode switch
            {
                "NoSuchKey" or "NotFound" => $"There is no object {uri}.",
                "NoSuchBucket" => $"There is no bucket {bucket}.",
                "AccessDenied" or "Forbidden" => $"The dashboard may not read {uri} (AccessDenied): allow it s3:GetObject on the object.",
                _ => $"{uri} could not be read ({e.Message}).",
            }, nameof(uri), e);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ArgumentException($"Reading {uri} took longer than {limits.DataSetTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s "
                + $"({DriftOptions.Section}:DataSetTimeout). Take a smaller sample of it.", nameof(uri));
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            throw new ArgumentException($"{uri} could not be read: {e.Message}.", nameof(uri), e);
        }
        if (set.Records == 0)
        {
            throw new ArgumentException($"{uri} has no rows{(format == DataSetFormat.Csv ? " below its header" : "")}"
                + (set.Skipped > 0 ? $" that could be read ({Skipped(set)})." : "."), nameof(uri));
        }
        if (!set.UsableFeatures.Any())
        {
            throw new ArgumentException($"{uri} has no usable feature: every column other than the label ({limits.LabelColumn}) is empty"
                + (set.Skipped > 0 ? $", and {Skipped(set)}." : "."), nameof(uri));
        }
        return await pins.SetDataSetAsync(actor, endpoint, set, cancellationToken);
    }

    /// <summary>The bucket and key of <c>s3://bucket/key</c>.</summary>
    /// <exception cref="ArgumentException">Not such a URI (the message shows the form).</exception>
    public static (string Bucket, string Key) Parse(string? uri)
    {
        var text = uri?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new ArgumentException("Required: the data set's S3 URI, e.g. s3://my-bucket/datasets/train.csv.", nameof(uri));
        }
        if (text.Length > MaxUriLength)
        {
            throw new ArgumentException($"An S3 URI can be at most {MaxUriLength} characters.", nameof(uri));
        }
        var parsed = S3Uri.TryParse(text);
        var key = parsed?.Prefix.TrimEnd('/') ?? "";
        if (parsed is null || key.Length == 0 || text.EndsWith('/') || text.Any(char.IsControl))
        {
            throw new ArgumentException("Write it as s3://bucket/key, naming one object (a bucket name is 3–63 lower-case letters, digits, dots or hyphens), "
                + "e.g. s3://my-bucket/datasets/train.csv.", nameof(uri));
        }
        return (parsed.Bucket, key);
    }

    internal static string Skipped(BaselineDataSet set) =>
        $"{set.Skipped.ToString("N0", CultureInfo.InvariantCulture)} {(set.Skipped == 1 ? "row was" : "rows were")} skipped"
        + (set.Problems.Count > 0 ? $", the first at line {set.Problems[0].Line}: {set.Problems[0].Message}" : "");

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB";
}
