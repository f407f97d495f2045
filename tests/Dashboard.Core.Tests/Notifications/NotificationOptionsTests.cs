using Dashboard.Core.Notifications;

namespace Dashboard.Core.Tests.Notifications;

public class NotificationOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        Assert.True(new NotificationOptionsValidator().Validate(null, new NotificationOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EveryBadKey_NamedInItsOwnError()
    {
        var options = new NotificationOptions
        {
            DashboardBaseUrl = "dashboard.example.com",
            MaxAttempts = 0,
            FirstRetryDelay = TimeSpan.Zero,
            MaxRetryDelay = TimeSpan.FromDays(2),
            RequestTimeout = TimeSpan.FromMinutes(10),
            DispatchInterval = TimeSpan.Zero,
        };

        var failures = new NotificationOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(6, failures.Count);
        foreach (var key in new[] { "DashboardBaseUrl", "MaxAttempts", "FirstRetryDelay", "MaxRetryDelay", "RequestTimeout", "DispatchInterval" })
        {
            Assert.Contains(failures, f => f.StartsWith($"Notifications:{key} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_BadAllowedDestinations_EachNamedByItsKeyAndIndex()
    {
        var options = new NotificationOptions { AllowedDestinations = ["127.0.0.1", "10.0.3.7/16", "hooks.internal", "0.0.0.0/0"] };

        var failures = new NotificationOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Notifications:AllowedDestinations:1 must start at the network's first address", failures[0], StringComparison.Ordinal);
        Assert.Equal("Notifications:AllowedDestinations:3 would allow every address; list the networks the destinations are in (was '0.0.0.0/0').",
            failures[1]);
    }
}
