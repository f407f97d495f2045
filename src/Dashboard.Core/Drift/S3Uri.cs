namespace Dashboard.Core.Drift;

/// <summary>An <c>s3://bucket/prefix</c> address split into its bucket and key prefix (which ends with "/" unless empty).</summary>
public sealed record S3Uri(string Bucket, string Prefix)
{
    public static S3Uri? TryParse(string? text)
    {
        if (text is null || !text.StartsWith("s3://", StringComparison.Ordinal))
        {
            return null;
        }
        var rest = text["s3://".Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..];
        if (bucket.Length is < 3 or > 63 || bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')))
        {
            return null;
        }
        return new S3Uri(bucket, prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/");
    }

    /// <summary>The key prefix of an hour's folder under this prefix: <c>yyyy/MM/dd/HH/</c>, as SageMaker writes them.</summary>
    public string HourPrefix(string under, DateTimeOffset hour) => Prefix + under + hour.UtcDateTime.ToString("yyyy/MM/dd/HH/", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"s3://{Bucket}/{Prefix}";
}
