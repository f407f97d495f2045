using Dashboard.Aws;
using Dashboard.Core.Connection;
using Dashboard.Core.Live;
using Dashboard.Core.Workers;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Connection;

public partial class ConnectionPage
{
    private IReadOnlyList<ServiceCheck> _checks = [];
    private bool _testing;
    private CostProjection _cost = default!;
    private IdentityCheck? _identity;

    [Inject] private IOptions<AwsOptions> Aws { get; set; } = default!;
    [Inject] private IOptions<DashboardOptions> Dashboard { get; set; } = default!;
    [Inject] private LiveStore Live { get; set; } = default!;
    [Inject] private AwsCallStats Stats { get; set; } = default!;
    [Inject] private ConnectionTester Tester { get; set; } = default!;
    [Inject] private IWorkerLeaseState Lease { get; set; } = default!;

    private string ModeText => Dashboard.Value.Mode == DashboardMode.Simulated
        ? "Simulated fleet (built in, no AWS account)"
        : "Live AWS account";

    private string IdentityText => _identity?.Text ?? "asking STS…";

    protected override void OnInitialized() => _cost = Tester.ProjectCost();

    /// <summary>Who the credentials are, asked once when the page opens.</summary>
    protected override async Task OnInitializedAsync() => _identity = await Tester.WhoAmIAsync();

    private async Task TestAsync()
    {
        _testing = true;
        _checks = [];
        _checks = await Tester.TestAsync();
        _testing = false;
    }

    private static string Format(TimeSpan interval) =>
        interval.TotalMinutes >= 1 ? $"{interval.TotalMinutes:0.#} min" : $"{interval.TotalSeconds:0} s";
}
