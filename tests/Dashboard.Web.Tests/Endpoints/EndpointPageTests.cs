using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Tests.Fleet;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Endpoints;

public sealed class EndpointPageTests : DashboardTestContext
{
    // An m5 endpoint without Model Monitor: every panel but the two GPU ones and drift.
    private static readonly string[] s_cpuPanels =
        ["model-latency", "overhead-latency", "invocations", "invocations-per-instance", "errors", "error-rate", "cpu", "memory", "disk"];

    private readonly FleetServices _fleet;

    public EndpointPageTests()
        : this(new FleetServices())
    {
    }

    private EndpointPageTests(FleetServices fleet)
        : base(fleet.Register)
    {
        _fleet = fleet;
        _fleet.AddMinutes(Key(SageMakerMetrics.Invocations, "churn"), 30, 120);
    }

    [Fact]
    public void UnknownEndpoint_SaysItIsNotInTheFleet()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);

        var cut = RenderPage("fraud");

        Assert.Contains("fraud", cut.Find("[data-testid=endpoint-not-found]").TextContent);
        Assert.Empty(cut.FindComponents<MetricChart>());
    }

    [Fact]
    public void FleetNotKnownYet_WaitsInsteadOfSayingNotFound()
    {
        var cut = RenderPage("churn");

        Assert.Empty(cut.FindAll("[data-testid=endpoint-not-found]"));
        Assert.Contains("Waiting for the first answer from SageMaker", cut.Markup);
    }

    [Fact]
    public void KnownEndpoint_OneChartPerApplicablePanelAndTheBaselineRule()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);

        var cut = RenderPage("churn");

        Assert.Equal(s_cpuPanels, cut.FindComponents<MetricChart>().Select(c => c.Instance.Model.MetricId));
        Assert.Equal("churn", cut.Find("[data-testid=endpoint-name]").TextContent.Trim());
        var baseline = cut.Find("[data-testid=baseline-description]").TextContent;
        Assert.Contains("Same hour of the day over the previous day", baseline);
        Assert.Contains("Poisson", baseline);
    }

    [Fact]
    public void GpuEndpoint_AddsTheGpuCharts()
    {
        _fleet.Live.PublishFleet([Endpoint("vision", variants: [Variant("AllTraffic", "ml.g5.12xlarge")])]);

        var cut = RenderPage("vision");

        Assert.Equal(s_cpuPanels.Length + 2, cut.FindComponents<MetricChart>().Count);
        Assert.Single(cut.FindAll("[data-testid=metric-chart-gpu-memory]"));
    }

    [Fact]
    public void FleetOnlyInStorage_IsReadFromTheStore()
    {
        _fleet.Store.Stored = [Endpoint("churn")];

        var cut = RenderPage("churn");

        Assert.Equal(s_cpuPanels.Length, cut.FindComponents<MetricChart>().Count);
    }

    [Fact]
    public void RangeInTheUrl_IsTheSelectedRange()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("/endpoints/churn?range=1h");

        var cut = RenderPage("churn");

        Assert.Contains("mud-button-filled", cut.Find("[data-testid=range-1h]").ClassName);
        var invocations = cut.FindComponents<MetricChart>().Single(c => c.Instance.Model.MetricId == "invocations").Instance.Model;
        Assert.All(invocations.Series.SelectMany(s => s.Points), p => Assert.True(p.TimeMs >= Now.AddHours(-1).ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void ChoosingAPreset_NavigatesToTheViewsUrl()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var cut = RenderPage("churn");

        cut.Find("[data-testid=range-6h]").Click();

        Assert.EndsWith("/endpoints/churn?range=6h", Services.GetRequiredService<BunitNavigationManager>().Uri);
    }

    [Fact]
    public void NewMetrics_AreAppendedToTheDrawnCharts()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var cut = RenderPage("churn");
        var newPoint = Now.ToUnixTimeSeconds();
        _fleet.Queries.Add(Key(SageMakerMetrics.Invocations, "churn"), [new MetricPoint(newPoint, 321)]);
        _fleet.Time.Advance(TimeSpan.FromMinutes(1));

        _fleet.Live.PublishMetrics(["churn"], newPoint);

        cut.WaitForAssertion(() => Assert.NotEmpty(InvocationsOf("append")));
        var sent = InvocationsOf("append").Select(i => Assert.IsAssignableFrom<IReadOnlyList<ChartJsSeries>>(i.Arguments[1])).ToList();
        var invocations = Assert.Single(sent.SelectMany(s => s), s => s.Name == "Invocations");
        Assert.Equal([newPoint * 1000], invocations.T);
        Assert.Equal([321d], invocations.V);
        Assert.Single(sent.SelectMany(s => s), s => s.Name == "error rate"); // derived from the same new minute
    }

    [Fact]
    public void OtherEndpointsMetrics_AreIgnored()
    {
        _fleet.Live.PublishFleet([Endpoint("churn"), Endpoint("fraud")]);
        var cut = RenderPage("churn");
        _fleet.Time.Advance(TimeSpan.FromMinutes(1));

        _fleet.Live.PublishMetrics(["fraud"], Now.ToUnixTimeSeconds());

        Assert.Empty(InvocationsOf("append"));
        Assert.Equal(s_cpuPanels.Length, cut.FindComponents<MetricChart>().Count);
    }

    private IRenderedComponent<EndpointPage> RenderPage(string name) => Render<EndpointPage>(p => p.Add(c => c.Name, name));
}
