using System.Net;
using System.Reflection;
using Dashboard.Integration.Tests.Security;
using Dashboard.Tests.Shared;
using Dashboard.Web.Components;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Integration.Tests.Bounds;

/// <summary>
/// Issue 10, finding 6: query-string values that do not parse answered 500 with a stack trace. Every query parameter of
/// every page (found by reflection, so a new page is covered without a new test) gets the bad-input corpus as a signed-in
/// Viewer; pages ignore what they cannot read, the CSV exports refuse it with a 400 and a plain message.
/// </summary>
[Collection(SecuredAppCollection.Name)]
public sealed class HostileQueryTests(SecuredApp app)
{
    private const string Endpoint = "pricing-ab";
    private const string FromMessage = "The value of from is not a date and time. Use ISO 8601 in UTC, for example 2026-11-24T14:00Z.";
    private const string ToMessage = "The value of to is not a date and time. Use ISO 8601 in UTC, for example 2026-11-24T14:00Z.";
    private const string StateMessage = "The value of state must be OK, ALARM or INSUFFICIENT_DATA.";

    private static readonly (string Path, string Name)[] CsvParameters =
    [
        ("/audit.csv", "who"), ("/audit.csv", "action"), ("/audit.csv", "endpoint"), ("/audit.csv", "q"), ("/audit.csv", "from"), ("/audit.csv", "to"),
        ("/alarms/history.csv", "alarm"), ("/alarms/history.csv", "endpoint"), ("/alarms/history.csv", "state"), ("/alarms/history.csv", "q"),
    ];

    /// <summary>Every value of the corpus, escaped, then the raw ones exactly as sent.</summary>
    private static readonly string[] Values =
    [
        .. BadInput.NotFiniteNumbers.Concat(BadInput.EdgeNumbers).Concat(BadInput.UnroutableNames).Select(Uri.EscapeDataString),
        .. BadInput.RawQueryValues,
    ];

    /// <summary>
    /// One sweep rather than a test per page: a page with text parameters only never failed, and a new page or
    /// parameter is swept without a new test.
    /// </summary>
    [Fact]
    public async Task EveryPageAndExport_BadValueInAnyQueryParameter_NeverAnswers500()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = await ViewerAsync();
        var parameters = QueryParameters().Select(p => (Path: Concrete(p.Route), p.Name)).Concat(CsvParameters).ToList();
        Assert.Contains(("/audit", "page"), parameters);
        var urls = parameters.SelectMany(p => Values.Select(v => $"{p.Path}?{p.Name}={v}")
            // The same parameter twice, and once without a value.
            .Append($"{p.Path}?{p.Name}=1&{p.Name}=abc").Append($"{p.Path}?{p.Name}")).ToList();
        var failures = new List<string>();

        // A few at a time: about 2,000 requests, most of them page renders.
        await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (url, token) => await CheckAsync(client, url, failures, token));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The URLs the issue reported, each once a 500.</summary>
    [Theory]
    [InlineData("/audit?page=abc")]
    [InlineData("/audit?page=99999999999")]
    [InlineData("/audit?page=2147483647")]
    [InlineData("/account/signin?expired=abc")]
    [InlineData("/account/signin?signedOut=2")]
    public async Task ReportedUrl_Answers200(string path)
    {
        using var client = await ViewerAsync();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Once exported everything, as if no filter had been given (or, for "1,5.2", from 5 January 2002).</summary>
    [Theory]
    [InlineData("/audit.csv?from=abc", FromMessage)]
    [InlineData("/audit.csv?from=1%2C5.2", FromMessage)]
    [InlineData("/audit.csv?from=0001-01-01T00:00%2B14:00", FromMessage)]
    [InlineData("/audit.csv?to=1e309", ToMessage)]
    [InlineData("/audit.csv?to=NaN", ToMessage)]
    [InlineData("/audit.csv?to=%FF", ToMessage)]
    [InlineData("/alarms/history.csv?state=bogus", StateMessage)]
    [InlineData("/alarms/history.csv?state=alarm%00", StateMessage)]
    public async Task CsvExport_UnreadableFilter_Is400WithAPlainMessage(string path, string message)
    {
        using var client = await ViewerAsync();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<HttpClient> ViewerAsync()
    {
        var client = app.NewClient();
        await app.SignInAsync(client, "viewer", "Viewer-demo-1");
        return client;
    }

    private static async Task CheckAsync(HttpClient client, string url, List<string> failures, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(url, cancellationToken);
        if ((int)response.StatusCode >= 500)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            lock (failures)
            {
                failures.Add($"{url}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
            }
        }
    }

    /// <summary>(route, query parameter name) of every routable component with [SupplyParameterFromQuery].</summary>
    private static IEnumerable<(string Route, string Name)> QueryParameters() =>
        from type in typeof(App).Assembly.GetTypes()
        where typeof(IComponent).IsAssignableFrom(type)
        from route in type.GetCustomAttributes<RouteAttribute>()
        from property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        let query = property.GetCustomAttribute<SupplyParameterFromQueryAttribute>()
        where query is not null
        select (route.Template, query.Name ?? property.Name);

    private static string Concrete(string route) => route.Replace("{Name}", Endpoint, StringComparison.Ordinal);
}
