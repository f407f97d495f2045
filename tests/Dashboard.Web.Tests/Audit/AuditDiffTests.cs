using Dashboard.Web.Audit;

namespace Dashboard.Web.Tests.Audit;

public sealed class AuditDiffTests
{
    [Theory]
    [InlineData(null, null, "")]
    [InlineData(null, """{"a":1,"b":"x"}""", "a: 1; b: \"x\"")]
    [InlineData(null, "{}", "created")]
    [InlineData(null, "plain", "plain")]
    [InlineData("""{"a":1}""", null, "removed")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1,"b":3}""", "b: 2 → 3")]
    [InlineData("""{"a":1}""", """{"b":1}""", "a: 1 → ∅; b: ∅ → 1")]
    [InlineData("""{"a":1,"b":2,"c":3,"d":4}""", """{"a":0,"b":0,"c":0,"d":0}""", "a: 1 → 0; b: 2 → 0; c: 3 → 0; +1 more")]
    [InlineData("""{"a":1}""", """{"a":1}""", "no change")]
    [InlineData("""["Viewer"]""", """["Viewer","Admin"]""", """["Viewer"] → ["Viewer","Admin"]""")]
    [InlineData("not json", "still not", "not json → still not")]
    public void Summarize_NamesWhatChanged(string? before, string? after, string expected)
    {
        Assert.Equal(expected, AuditDiff.Summarize(before, after));
    }

    [Fact]
    public void Pretty_IndentsJsonAndLeavesOtherTextAlone()
    {
        Assert.Equal("{\n  \"a\": 1\n}", AuditDiff.Pretty("""{"a":1}""").ReplaceLineEndings("\n"));
        Assert.Equal("plain", AuditDiff.Pretty("plain"));
        Assert.Equal("(none)", AuditDiff.Pretty(null));
    }
}
