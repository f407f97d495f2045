using Dashboard.Web.Navigation;

namespace Dashboard.Web.Tests.Navigation;

public sealed class AlarmUrlsTests
{
    [Fact]
    public void NewFor_NamesTheSeries_OnlySetValuesAppear_Escaped()
    {
        Assert.Equal("/alarms/new?endpoint=churn-prod&variant=AllTraffic&metric=ModelLatency&statistic=p99.5",
            AlarmUrls.NewFor("churn-prod", "ModelLatency", "p99.5", "AllTraffic"));
        Assert.Equal("/alarms/new?endpoint=churn-prod&metric=Invocations", AlarmUrls.NewFor("churn-prod", "Invocations"));
        Assert.Equal("/alarms/new?endpoint=a%26b&metric=m%20x", AlarmUrls.NewFor("a&b", "m x"));
    }
}
