using Bunit;
using Dashboard.Core.Audit;
using Dashboard.Tests.Shared;
using Dashboard.Web.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Web.Tests.Audit.AuditTestData;

namespace Dashboard.Web.Tests.Audit;

public sealed class RecentChangesTests : DashboardTestContext
{
    private readonly FakeAuditQueries _audit;

    public RecentChangesTests()
        : this(new FakeAuditQueries())
    {
    }

    private RecentChangesTests(FakeAuditQueries audit)
        : base(services => services.AddSingleton<IAuditQueries>(audit).AddSingleton<TimeProvider>(new FakeTimeProvider(Start)))
    {
        _audit = audit;
    }

    [Fact]
    public void ListsTheEndpointsRecentChangesAndLinksToAllOfThem()
    {
        _audit.Records = [Record(2, actor: "bob"), Record(1)];

        var cut = Render<RecentChanges>(p => p.Add(c => c.EndpointName, "fraud-detector").Add(c => c.Limit, 5));

        Assert.Equal([("fraud-detector", Start.AddDays(-30), 5)], _audit.EndpointReads);
        Assert.Equal(2, cut.FindAll("[data-testid=recent-change]").Count);
        Assert.Contains("bob", cut.FindAll("[data-testid=recent-change]")[0].TextContent);
        Assert.Equal("/audit?endpoint=fraud-detector", cut.Find("a[data-testid=recent-changes-all]").GetAttribute("href"));
    }

    [Fact]
    public void NoChanges_SaysSo()
    {
        var cut = Render<RecentChanges>(p => p.Add(c => c.EndpointName, "fraud-detector"));

        Assert.Contains("No changes in the last 30 days", cut.Find("[data-testid=recent-changes]").TextContent);
    }
}
