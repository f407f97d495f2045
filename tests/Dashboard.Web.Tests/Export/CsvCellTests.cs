using Dashboard.Tests.Shared;
using Dashboard.Web.Export;

namespace Dashboard.Web.Tests.Export;

public sealed class CsvCellTests
{
    public static TheoryData<string> FormulaCells() => new(BadInput.FormulaCells);

    [Theory]
    [MemberData(nameof(FormulaCells))]
    public void Text_FormulaCell_OpensAsText(string value)
    {
        var cell = CsvCell.Text(value);

        // Unquoted, the cell starts with the apostrophe; quoted, right after the opening quote.
        Assert.StartsWith("'", cell.StartsWith('"') ? cell[1..] : cell);
        Assert.Contains(value.Replace("\"", "\"\"", StringComparison.Ordinal), cell, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("|calc", "'|calc")]
    [InlineData("\nx", "\"'\nx\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("plain", "plain")]
    [InlineData("a=b", "a=b")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_QuotesAndDefusesFormulas(string? value, string expected) => Assert.Equal(expected, CsvCell.Text(value));
}
