using System.Net;
using System.Text.Json;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.Deployments;

/// <summary>ListModels and DescribeModel: each endpoint's live model(s) and newer candidates.</summary>
public sealed class ModelWireTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => fixture.Host;

    private static List<string> Names(JsonElement page) =>
        page.GetProperty("Models").EnumerateArray().Select(m => m.GetProperty("ModelName").GetString()!).ToList();

    [Fact]
    public async Task ListModels_NameContains_NewestFirstWithCandidates()
    {
        var page = await Host.SageMakerAsync("ListModels", new { NameContains = "churn" });

        Assert.Equal(["churn-xgboost-2026-12-rc1", "churn-xgboost-2026-11", "churn-xgboost-2026-01"], Names(page));
    }

    [Fact]
    public async Task ListModels_PagedByTwo_EveryModelOnceInOrder()
    {
        var all = Names(await Host.SageMakerAsync("ListModels", new { MaxResults = 100, SortBy = "Name", SortOrder = "Ascending" }));
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Host.SageMakerAsync("ListModels", token is null
                ? new { MaxResults = 2, SortBy = "Name", SortOrder = "Ascending", NextToken = (string?)null }
                : new { MaxResults = 2, SortBy = "Name", SortOrder = "Ascending", NextToken = (string?)token });
            seen.AddRange(Names(page));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(all, seen);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Equal(23, all.Count); // 12 live models and 11 candidates
    }

    [Fact]
    public async Task ListModels_MaxResultsZero_RangeConstraint()
    {
        var message = await SimulatorHost.AssertErrorAsync(await Host.PostAsync(SimulatorHost.SageMakerPrefix + "ListModels", """{"MaxResults":0}"""),
            HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal("1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1", message);
    }

    [Fact]
    public async Task DescribeModel_Candidate_ArnContainerAndCreationTime()
    {
        var model = await Host.SageMakerAsync("DescribeModel", new { ModelName = "churn-xgboost-2026-12-rc1" });

        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:model/churn-xgboost-2026-12-rc1", model.GetProperty("ModelArn").GetString());
        Assert.EndsWith("/churn:churn-xgboost-2026-12-rc1", model.GetProperty("PrimaryContainer").GetProperty("Image").GetString());
        Assert.True(model.GetProperty("CreationTime").GetDouble() < TestClock.Now.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task DescribeModel_Unknown_CouldNotFindModel()
    {
        var message = await SimulatorHost.AssertErrorAsync(
            await Host.PostAsync(SimulatorHost.SageMakerPrefix + "DescribeModel", """{"ModelName":"nope"}"""), HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal("Could not find model \"arn:aws:sagemaker:us-east-1:123456789012:model/nope\".", message);
    }
}
