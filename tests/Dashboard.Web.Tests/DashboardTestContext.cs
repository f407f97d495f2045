using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Approvals;
using Dashboard.Core.Drift;
using Dashboard.Core.Live;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Approvals;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests;

/// <summary>
/// The base for every component test here: MudBlazor's services, loose JS interop (MudBlazor and our chart
/// modules call JS that bUnit cannot run; tests assert on the recorded invocations instead) and an interactive
/// server renderer, which components that read RendererInfo require.
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext()
        : this(_ => { })
    {
    }

    /// <param name="configureServices">
    /// Registers a test's own services (fakes, a FakeTimeProvider) before the provider is built: the popover provider
    /// rendered below builds it, and nothing can be added afterwards. Registered after MudBlazor's, so they win.
    /// </param>
    protected DashboardTestContext(Action<IServiceCollection> configureServices)
    {
        Services.AddMudServices();
        // Pages are behind sign-in: by default a test is signed in as a Viewer (sees everything, changes nothing).
        Authorization = AddAuthorization();
        SignInAs("viewer", Role.Viewer);
        Services.AddHttpContextAccessor();
        Services.AddScoped<ClientAddress>();
        Services.AddScoped<ICurrentActor, CurrentActor>();
        configureServices(Services);
        // The layout's parts (the bell, the approvals count) read the changes waiting for approval: none unless a test adds a source.
        Services.TryAddSingleton(provider => new LiveStore(provider.GetService<TimeProvider>() ?? TimeProvider.System));
        Services.TryAddSingleton<PendingApprovals>();
        // What the drift reader last left (standings, Model Monitor schedules): empty unless a test fills it.
        Services.TryAddSingleton<DriftReadBoard>();
        Services.TryAddScoped<PendingApprovalsFeed>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        // Menus, selects (e.g. a table pager's page size) and tooltips render into the popover provider.
        Popovers = Render<MudPopoverProvider>();
    }

    /// <summary>Where open menus, selects and tooltips are rendered: find their items here, not in the component.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the test's user in with these roles (role claims, as the app's cookie carries them).</summary>
    protected void SignInAs(string userName, params Role[] roles)
    {
        Authorization.SetAuthorized(userName);
        Authorization.SetRoles(roles.Select(r => r.ToString()).ToArray());
    }

    /// <summary>The JS calls made with <paramref name="identifier"/>, in order (module calls included).</summary>
    protected IReadOnlyList<JSRuntimeInvocation> InvocationsOf(string identifier) =>
        JSInterop.Invocations.Where(i => i.Identifier == identifier).ToList();
}
