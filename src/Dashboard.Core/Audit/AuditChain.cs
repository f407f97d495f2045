using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Security;

namespace Dashboard.Core.Audit;

/// <summary>
/// The hash chain that makes the audit trail tamper-evident. Each record's hash is SHA-256 over every one of its fields
/// and the previous record's hash, so editing, removing, inserting or reordering a stored record breaks the chain at
/// that record. Removing the newest records cannot be seen from the chain alone (nothing follows them), nor can an edit
/// whose author re-sealed every later record; both show against an <see cref="AuditHead"/> noted earlier.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first record.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    // Bumped if the encoding ever changes, so old and new hashes can never be confused.
    private static readonly byte[] FormatTag = "dashboard-audit-v1"u8.ToArray();
    private const byte NullMarker = 0;
    private const byte ValueMarker = 1;

    /// <summary>Builds the next record after <paramref name="previousSequence"/> (0 for the first) with its hash.
    /// The time is cut to whole milliseconds, which is what storage keeps and the hash covers.</summary>
    public static AuditRecord Seal(long previousSequence, string previousHash, DateTimeOffset time, Actor actor, AuditEvent change)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Action);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Target);

        var unsealed = new AuditRecord(previousSequence + 1, DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()),
            actor.UserName, actor.RemoteAddress, change.Action, change.Target, change.Endpoint, change.Before, change.After,
            previousHash, Hash: "");
        return unsealed with { Hash = ComputeHash(unsealed) };
    }

    /// <summary>Lower-case hex SHA-256 of every field of <paramref name="record"/> except <see cref="AuditRecord.Hash"/>.</summary>
    public static string ComputeHash(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(FormatTag);
        AppendInt64(hash, record.Sequence);
        AppendInt64(hash, record.Time.ToUnixTimeMilliseconds());
        AppendString(hash, record.Actor);
        AppendString(hash, record.RemoteAddress);
        AppendString(hash, record.Action);
        AppendString(hash, record.Target);
        AppendString(hash, record.Endpoint);
        AppendString(hash, record.Before);
        AppendString(hash, record.After);
        AppendString(hash, record.PreviousHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Checks records given in sequence order, starting from the first ever written; with a
    /// <paramref name="noted"/> head, that record must be among them, unchanged.</summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records, AuditHead? noted = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var walk = new Walk(noted);
        foreach (var record in records)
        {
            if (walk.Step(record) is { } broken)
                return broken;
        }
        return walk.Intact();
    }

    /// <summary>As <see cref="Verify"/>, for records streamed from storage.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditRecord> records, AuditHead? noted = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var walk = new Walk(noted);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (walk.Step(record) is { } broken)
                return broken;
        }
        return walk.Intact();
    }

    private static void AppendInt64(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        hash.AppendData(bytes);
    }

    // A marker byte keeps null apart from "", and the length prefix keeps ("ab", "c") apart from ("a", "bc").
    private static void AppendString(IncrementalHash hash, string? value)
    {
        if (value is null)
        {
            hash.AppendData([NullMarker]);
            return;
        }
        var utf8 = Encoding.UTF8.GetBytes(value);
        Span<byte> header = stackalloc byte[5];
        header[0] = ValueMarker;
        BinaryPrimitives.WriteInt32BigEndian(header[1..], utf8.Length);
        hash.AppendData(header);
        hash.AppendData(utf8);
    }

    private sealed class Walk(AuditHead? noted)
    {
        private long _checked;
        private long _lastSequence;
        private string _lastHash = GenesisHash;

        public AuditVerification? Step(AuditRecord record)
        {
            var expected = _lastSequence + 1;
            if (record.Sequence != expected)
            {
                // Deleted (a gap), inserted or reordered: the record that should come next is not there.
                return Broken(expected, record.Sequence > expected
                    ? $"Record {Format(expected)} was removed after it was written (the trail jumps from {Format(_lastSequence)} to {Format(record.Sequence)})."
                    : $"Record {Format(expected)} is out of place (found record {Format(record.Sequence)} where it should be).");
            }
            if (!string.Equals(record.PreviousHash, _lastHash, StringComparison.Ordinal))
            {
                return Broken(record.Sequence, expected == 1
                    ? $"Record {Format(record.Sequence)} does not start the chain: earlier records were changed or removed."
                    : $"Record {Format(record.Sequence)} does not follow record {Format(_lastSequence)}: one of them was changed, or records were removed or inserted.");
            }
            if (!string.Equals(ComputeHash(record), record.Hash, StringComparison.Ordinal))
            {
                return Broken(record.Sequence, $"Record {Format(record.Sequence)} was changed after it was written.");
            }
            if (record.Sequence == noted?.Sequence && !string.Equals(record.Hash, noted.Hash, StringComparison.Ordinal))
            {
                return Broken(record.Sequence, $"Record {Format(record.Sequence)} is not the one noted ({noted}): the trail was rewritten up to it.");
            }
            _checked++;
            _lastSequence = record.Sequence;
            _lastHash = record.Hash;
            return null;
        }

        public AuditVerification Intact()
        {
            if (noted is not null && noted.Sequence > _lastSequence)
            {
                return Broken(_lastSequence + 1, $"Record {Format(noted.Sequence)}, noted as the head, is gone: the newest records were removed (the trail ends at record {Format(_lastSequence)}).");
            }
            var head = _checked == 0 ? null : new AuditHead(_lastSequence, _lastHash);
            var records = $"{Format(_checked)} record{(_checked == 1 ? "" : "s")}";
            return new(true, _checked, null, head is null ? $"Chain intact: {records}." : $"Chain intact: {records}; head {head}.", head);
        }

        private AuditVerification Broken(long sequence, string message) => new(false, _checked, sequence, message);

        private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The outcome of checking the chain: <see cref="Checked"/> records were intact (all of them when
/// <see cref="IsIntact"/>); otherwise <see cref="FirstBrokenSequence"/> is the first record that was changed, removed
/// or put out of place. <see cref="Message"/> says so in one plain sentence; an intact chain names its
/// <see cref="Head"/> to note for later checks.
/// </summary>
public sealed record AuditVerification(bool IsIntact, long Checked, long? FirstBrokenSequence, string Message, AuditHead? Head = null);
