using System.Text;
using Dashboard.Core.Live;
using Dashboard.Storage.Postgres.Live;

namespace Dashboard.Storage.Tests.Live;

public sealed class LivePayloadTests
{
    private const string Sender = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EncodeThenDecode_Metrics_KeepsEndpointsAndNewestTime()
    {
        var sent = new LivePublication(LiveChangeKind.Metrics, ["churn", "fraud"]) { NewestMetricTime = 1_772_366_400 };

        var received = LivePayload.Decode(LivePayload.Encode(Sender, sent));

        Assert.NotNull(received);
        Assert.Equal(Sender, received.Sender);
        Assert.False(received.AllEndpoints);
        Assert.Equal(LiveChangeKind.Metrics, received.Publication.Kind);
        Assert.Equal(["churn", "fraud"], received.Publication.Endpoints);
        Assert.Equal(1_772_366_400, received.Publication.NewestMetricTime);
    }

    [Fact]
    public void EncodeThenDecode_Status_KeepsTheSourceAndBackfill()
    {
        var source = new SourceStatus("CloudWatch", Now.AddMinutes(-1), Now, "ThrottlingException: Rate exceeded", 2);
        var backfill = new BackfillProgress(3, 15, Now.AddDays(-2));

        var sourceReceived = LivePayload.Decode(LivePayload.Encode(Sender, new LivePublication(LiveChangeKind.Status, []) { Source = source }));
        var backfillReceived = LivePayload.Decode(LivePayload.Encode(Sender, new LivePublication(LiveChangeKind.Status, []) { Backfill = backfill }));

        Assert.Equal(source, sourceReceived!.Publication.Source);
        Assert.Null(sourceReceived.Publication.Backfill);
        Assert.Empty(sourceReceived.Publication.Endpoints);
        Assert.Equal(backfill, backfillReceived!.Publication.Backfill);
        Assert.Null(backfillReceived.Publication.Source);
    }

    [Fact]
    public void Encode_Fleet_SendsTheNamesButNeverTheEndpoints()
    {
        var fleet = new[] { Endpoint("churn") };

        var payload = LivePayload.Encode(Sender, new LivePublication(LiveChangeKind.Fleet, ["churn"]) { Fleet = fleet });
        var received = LivePayload.Decode(payload);

        Assert.DoesNotContain("arn:", payload, StringComparison.Ordinal);
        Assert.Equal(LiveChangeKind.Fleet, received!.Publication.Kind);
        Assert.Equal(["churn"], received.Publication.Endpoints);
        Assert.Null(received.Publication.Fleet);
    }

    [Fact]
    public void Encode_TooManyEndpointsToList_StaysUnderTheLimitAndSaysAll()
    {
        // 5,000 endpoints of SageMaker's longest name (63 characters): ~330 kB as a list.
        var names = Enumerable.Range(0, 5_000).Select(i => $"endpoint-{i:D5}".PadRight(63, 'x')).ToArray();

        var payload = LivePayload.Encode(Sender, new LivePublication(LiveChangeKind.Metrics, names) { NewestMetricTime = 1_000 });
        var received = LivePayload.Decode(payload);

        Assert.InRange(Encoding.UTF8.GetByteCount(payload), 1, LivePayload.MaxBytes);
        Assert.True(received!.AllEndpoints);
        Assert.Empty(received.Publication.Endpoints);
        Assert.Equal(LiveChangeKind.Metrics, received.Publication.Kind);
        Assert.Equal(1_000, received.Publication.NewestMetricTime);
    }

    [Fact]
    public void Encode_HugeErrorOfCharactersThatEscape_IsCutAndStaysUnderTheLimit()
    {
        // Control characters and non-ASCII text are the ones JSON escapes into six bytes each.
        var error = string.Concat(Enumerable.Repeat("\u0001é\"<", 50_000));
        var source = new SourceStatus(new string('\u0002', 10_000), null, Now, error, 1);

        var payload = LivePayload.Encode(Sender, new LivePublication(LiveChangeKind.Status, []) { Source = source });
        var received = LivePayload.Decode(payload);

        Assert.InRange(Encoding.UTF8.GetByteCount(payload), 1, LivePayload.MaxBytes);
        Assert.InRange(received!.Publication.Source!.LastError!.Length, 1, LivePayload.MaxErrorChars);
        Assert.StartsWith("\u0001é\"<", received.Publication.Source.LastError, StringComparison.Ordinal);
        Assert.Equal(1, received.Publication.Source.ConsecutiveFailures);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"k\":2}")]
    [InlineData("{\"s\":\"someone\"}")]
    [InlineData("[1,2]")]
    public void Decode_SomethingElseOnTheChannel_IsIgnored(string payload) => Assert.Null(LivePayload.Decode(payload));

    private static Core.Fleet.EndpointState Endpoint(string name) =>
        new(name, $"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{name}", "InService", "config", Now, Now, null, [], Now);
}
