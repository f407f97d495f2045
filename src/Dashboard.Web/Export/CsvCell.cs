namespace Dashboard.Web.Export;

/// <summary>
/// The one rule for text in the dashboard's CSV downloads (chart tables, the audit trail, alarm history): RFC 4180
/// quoting, and a cell a spreadsheet would run as a formula or a DDE command starts with a quote, so it opens as text.
/// Numbers the dashboard formats itself (a negative value included) are written as they are, not through this.
/// </summary>
public static class CsvCell
{
    /// <summary>
    /// First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (= + - @), a DDE call
    /// (| in LibreOffice and older Excel), or skip to one after a tab or a line break.
    /// </summary>
    private const string FormulaStarts = "=+-@|\t\r\n";

    /// <summary>A text cell: neutralised and quoted as needed. Null and empty are an empty cell.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return Quote(FormulaStarts.Contains(value[0]) ? "'" + value : value);
    }

    /// <summary>Quotes a field when it holds a delimiter, a quote or a line break; quotes inside are doubled.</summary>
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return field;
        }
        return "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
