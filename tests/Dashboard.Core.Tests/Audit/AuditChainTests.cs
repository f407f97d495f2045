using Dashboard.Core.Audit;
using Dashboard.Core.Security;

namespace Dashboard.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly AuditRecord Sample = new(
        Sequence: 7,
        Time: Start,
        Actor: "ana",
        RemoteAddress: "10.0.0.5",
        Action: AuditActions.AlarmUpdate,
        Target: "p99-latency",
        Endpoint: "fraud-detector",
        Before: """{"threshold":200}""",
        After: """{"threshold":250}""",
        PreviousHash: new string('a', 64),
        Hash: "");

    [Fact]
    public void ComputeHash_SameRecordTwice_SameLowerCaseHex()
    {
        var first = AuditChain.ComputeHash(Sample);

        Assert.Equal(first, AuditChain.ComputeHash(Sample with { }));
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void ComputeHash_IgnoresTheStoredHash()
    {
        Assert.Equal(AuditChain.ComputeHash(Sample), AuditChain.ComputeHash(Sample with { Hash = "anything" }));
    }

    public static TheoryData<string, AuditRecord> EachFieldChanged() => new()
    {
        { "Sequence", Sample with { Sequence = 8 } },
        { "Time", Sample with { Time = Start.AddMilliseconds(1) } },
        { "Actor", Sample with { Actor = "bob" } },
        { "RemoteAddress", Sample with { RemoteAddress = "10.0.0.6" } },
        { "Action", Sample with { Action = AuditActions.AlarmDelete } },
        { "Target", Sample with { Target = "p99-latency2" } },
        { "Endpoint", Sample with { Endpoint = "fraud-detector-2" } },
        { "Before", Sample with { Before = """{"threshold":201}""" } },
        { "After", Sample with { After = """{"threshold":251}""" } },
        { "PreviousHash", Sample with { PreviousHash = new string('b', 64) } },
    };

    [Theory]
    [MemberData(nameof(EachFieldChanged))]
    public void ComputeHash_AnyFieldChanged_HashChanges(string field, AuditRecord changed)
    {
        Assert.True(AuditChain.ComputeHash(Sample) != AuditChain.ComputeHash(changed), $"{field} is not covered by the hash.");
    }

    [Fact]
    public void ComputeHash_NullAndEmptyDiffer()
    {
        var withNull = Sample with { Endpoint = null, Before = null };
        var withEmpty = Sample with { Endpoint = "", Before = "" };

        Assert.NotEqual(AuditChain.ComputeHash(withNull), AuditChain.ComputeHash(withEmpty));
    }

    [Fact]
    public void ComputeHash_TextMovedBetweenAdjacentFields_HashChanges()
    {
        // Plain concatenation would hash "ab"+"c" and "a"+"bc" alike.
        var one = Sample with { Before = "ab", After = "c" };
        var other = Sample with { Before = "a", After = "bc" };

        Assert.NotEqual(AuditChain.ComputeHash(one), AuditChain.ComputeHash(other));
    }

    [Fact]
    public void Seal_FirstRecord_LinksToGenesisAndCutsTimeToMilliseconds()
    {
        var record = AuditChain.Seal(0, AuditChain.GenesisHash, Start.AddTicks(12_345), new Actor("ana", new HashSet<Role>(), "::1"),
            new AuditEvent(AuditActions.AlarmCreate, "cpu-high", "fraud-detector", After: "{}"));

        Assert.Equal(1, record.Sequence);
        Assert.Equal(new string('0', 64), record.PreviousHash);
        Assert.Equal(Start.AddMilliseconds(1), record.Time);
        Assert.Equal("::1", record.RemoteAddress);
        Assert.Equal(AuditChain.ComputeHash(record), record.Hash);
    }

    [Fact]
    public void Verify_EmptyChain_Intact()
    {
        var result = AuditChain.Verify([]);

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.Checked);
        Assert.Null(result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_SealedChain_IntactWithCountAndHead()
    {
        var chain = Chain(1_234);
        var result = AuditChain.Verify(chain);

        Assert.True(result.IsIntact);
        Assert.Equal(1_234, result.Checked);
        Assert.Equal(new AuditHead(1_234, chain[^1].Hash), result.Head);
        Assert.Equal($"Chain intact: 1,234 records; head 1234:{chain[^1].Hash}.", result.Message);
    }

    [Fact]
    public void Verify_AgainstTheNotedHeadOrAnOlderOne_Intact()
    {
        var chain = Chain(10);

        Assert.True(AuditChain.Verify(chain, new AuditHead(10, chain[9].Hash)).IsIntact);
        Assert.True(AuditChain.Verify(chain, new AuditHead(4, chain[3].Hash)).IsIntact);
    }

    [Fact]
    public void Verify_NewestRecordsRemoved_IntactAloneButBrokenAgainstTheNotedHead()
    {
        var chain = Chain(10);
        var noted = new AuditHead(10, chain[9].Hash);
        chain.RemoveRange(7, 3);

        Assert.True(AuditChain.Verify(chain).IsIntact);
        var result = AuditChain.Verify(chain, noted);

        Assert.False(result.IsIntact);
        Assert.Equal(8, result.FirstBrokenSequence);
        Assert.Equal("Record 10, noted as the head, is gone: the newest records were removed (the trail ends at record 7).", result.Message);
    }

    [Fact]
    public void Verify_EditedAndEveryLaterRecordResealed_IntactAloneButBrokenAgainstTheNotedHead()
    {
        // Whoever can write the database can edit a record and re-seal every record after it; a noted head shows it.
        var chain = Chain(10);
        var noted = new AuditHead(8, chain[7].Hash);
        var resealed = Reseal(chain, from: 4, edit: r => r with { Actor = "mallory" });

        Assert.True(AuditChain.Verify(resealed).IsIntact);
        var result = AuditChain.Verify(resealed, noted);

        Assert.False(result.IsIntact);
        Assert.Equal(8, result.FirstBrokenSequence);
        Assert.StartsWith($"Record 8 is not the one noted (8:{chain[7].Hash})", result.Message);
    }

    [Theory]
    [InlineData("12:" + "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", 12L)]
    [InlineData(" 1:" + "0000000000000000000000000000000000000000000000000000000000000000 ", 1L)]
    public void AuditHead_Parse_RecordAndHash(string text, long sequence)
    {
        var head = AuditHead.Parse(text, out var error);

        Assert.Null(error);
        Assert.Equal(sequence, head!.Sequence);
        Assert.Matches("^[0-9a-f]{64}$", head.Hash);
        Assert.Equal(head, AuditHead.Parse(head.ToString(), out _));
    }

    [Theory]
    [InlineData(null, "record:hash")]
    [InlineData("", "record:hash")]
    [InlineData("abc", "record:hash")]
    [InlineData("0:" + "0000000000000000000000000000000000000000000000000000000000000000", "record:hash")]
    [InlineData("-3:" + "0000000000000000000000000000000000000000000000000000000000000000", "record:hash")]
    [InlineData("12:abc", "64 hexadecimal digits")]
    [InlineData("12:" + "zz00000000000000000000000000000000000000000000000000000000000000", "64 hexadecimal digits")]
    public void AuditHead_Parse_NotARecordAndHash_SaysHowToWriteIt(string? text, string expected)
    {
        Assert.Null(AuditHead.Parse(text, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Verify_EditedRecord_NamesIt()
    {
        var chain = Chain(10);
        chain[4] = chain[4] with { After = """{"threshold":9999}""" };

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(5, result.FirstBrokenSequence);
        Assert.Equal(4, result.Checked);
        Assert.Contains("Record 5 was changed", result.Message);
    }

    [Fact]
    public void Verify_EditedRecordWithRecomputedHash_NextRecordBreaks()
    {
        // Whoever edits a record and fixes its hash still breaks the link from the record after it.
        var chain = Chain(10);
        var edited = chain[4] with { Actor = "mallory" };
        chain[4] = edited with { Hash = AuditChain.ComputeHash(edited) };

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(6, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_DeletedMiddleRecord_NamesTheMissingSequence()
    {
        var chain = Chain(10);
        chain.RemoveAt(6);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(7, result.FirstBrokenSequence);
        Assert.Contains("Record 7 was removed", result.Message);
    }

    [Fact]
    public void Verify_DeletedFirstRecord_Detected()
    {
        var chain = Chain(5);
        chain.RemoveAt(0);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_DeletedAndRenumbered_LinkBreaks()
    {
        // Removing record 4 and renumbering the rest leaves no gap, but record 4 (was 5) does not link to record 3.
        var chain = Chain(6);
        chain.RemoveAt(3);
        for (var i = 3; i < chain.Count; i++)
        {
            chain[i] = chain[i] with { Sequence = i + 1 };
        }

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_InsertedRecord_Detected()
    {
        var chain = Chain(5);
        var forged = AuditChain.Seal(2, chain[1].Hash, Start, new Actor("mallory", new HashSet<Role>()), new AuditEvent("alarm.delete", "x"));
        chain.Insert(2, forged);
        for (var i = 3; i < chain.Count; i++)
        {
            chain[i] = chain[i] with { Sequence = i + 1 };
        }

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_SwappedRecords_Detected()
    {
        var chain = Chain(6);
        (chain[2], chain[3]) = (chain[3], chain[2]);

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public void Verify_SwappedContentsKeepingSequences_Detected()
    {
        var chain = Chain(6);
        (chain[2], chain[3]) = (chain[3] with { Sequence = 3 }, chain[2] with { Sequence = 4 });

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAsync_SameAnswerAsVerify()
    {
        var chain = Chain(8);
        chain[5] = chain[5] with { Target = "edited" };

        var result = await AuditChain.VerifyAsync(chain.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AuditChain.Verify(chain), result);
    }

    /// <summary>The chain with record <paramref name="from"/> (1-based) edited and it and every later record sealed again.</summary>
    private static List<AuditRecord> Reseal(List<AuditRecord> chain, int from, Func<AuditRecord, AuditRecord> edit)
    {
        var records = chain.Take(from - 1).ToList();
        var hash = records.Count == 0 ? AuditChain.GenesisHash : records[^1].Hash;
        foreach (var original in chain.Skip(from - 1))
        {
            var record = (original.Sequence == from ? edit(original) : original) with { PreviousHash = hash };
            record = record with { Hash = AuditChain.ComputeHash(record) };
            records.Add(record);
            hash = record.Hash;
        }
        return records;
    }

    private static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>(count);
        var (sequence, hash) = (0L, AuditChain.GenesisHash);
        for (var i = 0; i < count; i++)
        {
            var actor = new Actor(i % 2 == 0 ? "ana" : "bob", new HashSet<Role> { Role.Engineer }, "10.0.0." + i % 7);
            var record = AuditChain.Seal(sequence, hash, Start.AddMinutes(i), actor,
                new AuditEvent(AuditActions.AlarmUpdate, $"alarm-{i % 3}", "fraud-detector", $$"""{"n":{{i}}}""", $$"""{"n":{{i + 1}}}"""));
            records.Add(record);
            (sequence, hash) = (record.Sequence, record.Hash);
        }
        return records;
    }
}
