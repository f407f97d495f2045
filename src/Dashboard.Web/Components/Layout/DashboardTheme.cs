using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The one theme, rendered once into each page's HTML by <see cref="App"/> (a static part of the page): a theme
/// provider inside the interactive layout would keep the theme's ~12,000-character stylesheet in every circuit.
/// </summary>
public static class DashboardTheme
{
    public static MudTheme Value { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
