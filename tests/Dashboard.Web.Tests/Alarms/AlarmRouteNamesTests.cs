using Dashboard.Core.Input;
using Dashboard.Web.Alarms;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Alarms;

/// <summary>An alarm may not be named like a page under /alarms/: its own page, /alarms/{name}, would open that page instead.</summary>
public sealed class AlarmRouteNamesTests
{
    public static TheoryData<string> LiteralAlarmRoutes() => new(Words());

    /// <summary>The first segment after /alarms/ of every page address without a parameter, and of the CSV download.</summary>
    private static IEnumerable<string> Words() =>
        typeof(AlarmDetailPage).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => t.StartsWith("/alarms/", StringComparison.Ordinal) && !t.Contains('{', StringComparison.Ordinal))
            .Select(t => t["/alarms/".Length..].Split('/')[0])
            // The CSV download is an endpoint, not a page.
            .Append(new Uri(new Uri("http://x"), AlarmUrls.HistoryCsv()).AbsolutePath["/alarms/".Length..])
            .Distinct();

    [Theory]
    [MemberData(nameof(LiteralAlarmRoutes))]
    public void AlarmNameError_WordOfAnAlarmPageAddress_Refused(string word)
    {
        Assert.NotNull(Names.AlarmNameError(word));
        Assert.NotNull(Names.AlarmNameError(word.ToUpperInvariant()));
    }

    [Fact]
    public void LiteralAlarmRoutes_AreTheOnesKnownToday() =>
        Assert.Equal(["history", "history.csv", "mutes", "new"], Words().Order());
}
