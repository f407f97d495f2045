namespace Dashboard.Web.Components.Controls;

/// <summary>Spans of time as people say them, in one way on every page.</summary>
public static class TimeText
{
    /// <summary>"just now", "12 min", "3 h 5 min", "2 d 4 h".</summary>
    public static string Span(TimeSpan elapsed) =>
        elapsed.TotalMinutes < 1 ? "less than a minute"
        : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes} min"
        : elapsed.TotalDays < 1 ? $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min"
        : $"{(int)elapsed.TotalDays} d {elapsed.Hours} h";

    /// <summary>"just now", "12 min ago", "3 h 5 min ago".</summary>
    public static string Ago(TimeSpan elapsed) => elapsed.TotalMinutes < 1 ? "just now" : Span(elapsed) + " ago";
}
