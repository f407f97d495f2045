using System.Globalization;

namespace Dashboard.Core.Audit;

/// <summary>
/// The newest record of the audit trail, written <c>sequence:hash</c>. The chain alone cannot show that its newest
/// records were removed, or that someone with write access re-sealed every record after an edit; a head noted outside
/// the database (the dashboard logs it as it moves) can: verifying against it requires that record, unchanged.
/// </summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    public override string ToString() => $"{Sequence.ToString(CultureInfo.InvariantCulture)}:{Hash}";

    /// <summary>Reads <c>sequence:hash</c> (a record number, then the 64 hex digits of its hash); null with the reason when it is not.</summary>
    public static AuditHead? Parse(string? text, out string? error)
    {
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            error = "Write the noted head as record:hash, e.g. 1234:3f2a… (the record number, a colon, then its hash).";
            return null;
        }
        var hash = parts[1].ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            error = "The hash after the colon is 64 hexadecimal digits.";
            return null;
        }
        error = null;
        return new AuditHead(sequence, hash);
    }
}
