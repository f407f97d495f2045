using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
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
        configureServices(Services);
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        // Menus, selects (e.g. a table pager's page size) and tooltips render into the popover provider.
        Render<MudPopoverProvider>();
    }

    /// <summary>The JS calls made with <paramref name="identifier"/>, in order (module calls included).</summary>
    protected IReadOnlyList<JSRuntimeInvocation> InvocationsOf(string identifier) =>
        JSInterop.Invocations.Where(i => i.Identifier == identifier).ToList();
}
