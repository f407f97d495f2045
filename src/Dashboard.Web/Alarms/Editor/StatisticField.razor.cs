using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Alarms.Editor;

public partial class StatisticField
{
    [Parameter] public string? Value { get; set; }
    [Parameter] public EventCallback<string> ValueChanged { get; set; }
    [Parameter] public string? HelperText { get; set; }
    [Parameter] public string? Error { get; set; }
    [Parameter] public string? Style { get; set; }
    [Parameter] public string? TestId { get; set; }

    // Typing narrows the list; a value already in it shows them all, so a chosen statistic never hides the alternatives.
    private Task<IEnumerable<string>> SearchAsync(string? text, CancellationToken cancellationToken) => Task.FromResult(
        string.IsNullOrEmpty(text) || AlarmWords.Statistics.Contains(text)
            ? AlarmWords.Statistics
            : AlarmWords.Statistics.Where(s => s.StartsWith(text, StringComparison.OrdinalIgnoreCase)));
}
