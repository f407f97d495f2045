using Bunit;
using Dashboard.Core.Drift;
using Dashboard.Web.Drift;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Drift;

public class DistributionWindowTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 30, 0, TimeSpan.Zero);

    public DistributionWindowTests()
        : base(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddSingleton(Options.Create(new DriftOptions { RetentionDays = 35 })))
    {
    }

    [Theory]
    [InlineData("2026-12-06T00:00", "2026-12-08T00:00", null, "Cannot end after now (2026-12-07 12:30 UTC).")]
    [InlineData("2026-12-05T00:00", "2026-12-04T00:00", null, "Must be after From.")]
    [InlineData(null, "2026-12-04T00:00", "Required, as yyyy-MM-dd HH:mm (UTC).", null)]
    [InlineData("2026-10-01T00:00", null, "Summaries are kept 35 days: start at 2026-11-02 12:00 or later.", null)]
    [InlineData("2026-12-07T13:00", null, "Must be in the past.", null)]
    [InlineData("1e9", "DROP TABLE", "Write it as yyyy-MM-dd HH:mm (UTC), e.g. 2026-12-01 00:00.", "Write it as yyyy-MM-dd HH:mm (UTC), e.g. 2026-12-01 00:00.")]
    public void Parse_BadCustomWindow_IsReportedAtItsField_AndTheLastDayIsShown(string? from, string? to, string? fromError, string? toError)
    {
        var window = DistributionWindow.Parse("custom", from, to, Now, 35);

        Assert.Equal((fromError, toError), (window.FromError, window.ToError));
        Assert.Equal((Now.ToUnixTimeSeconds() - 86_400, Now.ToUnixTimeSeconds()), (window.From, window.To));
    }

    [Fact]
    public void Parse_GoodCustomWindow_IsUsed_AnEmptyToMeansNow_AndLongValuesAreNotParsed()
    {
        var window = DistributionWindow.Parse("custom", "2026-12-01T10:00", null, Now, 35);
        Assert.True(window.IsValid);
        Assert.Equal("2026-12-01 10:00 – 2026-12-07 12:30 UTC", window.Describe());

        var huge = DistributionWindow.Parse("custom", "2026-12-01T10:00" + new string(' ', 5000), null, Now, 35);
        Assert.NotNull(huge.FromError);
        Assert.True(huge.FromText!.Length <= DistributionWindow.MaxText + 1);

        Assert.Equal("24h", DistributionWindow.Parse("1y", "2026-12-01T10:00", null, Now, 35).Key);
    }

    [Fact]
    public void Picker_BadTimes_AreRefusedAtTheirFields_AndAGoodWindowGoesToTheUrl()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/endpoints/ep/drift?feature=income&window=24h");
        var picker = Render<DistributionWindowPicker>(p => p.Add(c => c.Window, DistributionWindow.Parse("24h", null, null, Now, 35)));

        picker.Find("[data-testid=drift-window-custom]").Click();
        picker.Find("[data-testid=drift-window-from] input").Input("2026-12-05 00:00");
        picker.Find("[data-testid=drift-window-to] input").Input("2026-12-04 00:00");
        picker.Find("[data-testid=drift-window-apply]").Click();

        Assert.Contains("Must be after From.", picker.Find("[data-testid=drift-window-to]").TextContent);
        Assert.EndsWith("window=24h", navigation.Uri);

        picker.Find("[data-testid=drift-window-to] input").Input("2026-12-06 06:00");
        picker.Find("[data-testid=drift-window-apply]").Click();

        Assert.EndsWith("/endpoints/ep/drift?feature=income&window=custom&from=2026-12-05T00%3A00&to=2026-12-06T06%3A00", navigation.Uri);
    }

    [Fact]
    public void Picker_ABadWindowFromTheUrl_OpensTheFieldsWithTheirMessages()
    {
        var picker = Render<DistributionWindowPicker>(p => p.Add(c => c.Window, DistributionWindow.Parse("custom", "2026-10-01T00:00", null, Now, 35)));

        Assert.Contains("Summaries are kept 35 days", picker.Find("[data-testid=drift-window-from]").TextContent);
        Assert.Contains("Showing the last 24 h until the window is corrected", picker.Find("[data-testid=drift-window-shown]").TextContent);
    }
}
