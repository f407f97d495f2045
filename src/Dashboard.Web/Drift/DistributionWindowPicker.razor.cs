using Dashboard.Core.Drift;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Drift;

/// <summary>Picks the window of a feature's distribution: a preset, or from/to checked at their fields before the URL changes.</summary>
public partial class DistributionWindowPicker
{
    private bool _open;
    private string? _from;
    private string? _to;
    private string? _fromError;
    private string? _toError;
    private (string Key, string? From, string? To)? _shown;

    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IOptions<DriftOptions> Options { get; set; } = default!;

    /// <summary>The window as the page parsed it from the URL (with its fields' messages when the URL's values were bad).</summary>
    [Parameter, EditorRequired] public DistributionWindow Window { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // A live reload moves a preset's times: only a different choice in the URL resets what is being typed.
        if (_shown == (Window.Key, Window.FromText, Window.ToText))
        {
            return;
        }
        _shown = (Window.Key, Window.FromText, Window.ToText);
        // A custom window from the URL opens the fields with its values, and its messages when they were refused.
        _open = Window.IsCustom;
        (_from, _to, _fromError, _toError) = !Window.IsCustom ? (DistributionWindow.Text(Window.From), null, null, null)
            : Window.IsValid ? (DistributionWindow.Text(Window.From), Window.ToText is null ? null : DistributionWindow.Text(Window.To), null, null)
            : (Window.FromText, Window.ToText, Window.FromError, Window.ToError);
    }

    private void Open()
    {
        _open = true;
        _from ??= DistributionWindow.Text(Window.From);
    }

    private void Apply()
    {
        var window = DistributionWindow.Parse(DistributionWindow.Custom, _from, _to, Time.GetUtcNow(), Options.Value.RetentionDays);
        (_fromError, _toError) = (window.FromError, window.ToError);
        if (!window.IsValid)
        {
            return;
        }
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["window"] = DistributionWindow.Custom,
            ["from"] = DistributionWindow.UrlText(window.From),
            ["to"] = string.IsNullOrWhiteSpace(_to) ? null : DistributionWindow.UrlText(window.To),
        }));
    }

    private string PresetUrl(string key) =>
        Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["window"] = key, ["from"] = null, ["to"] = null });

    private string Example(long offset) => DistributionWindow.Text(Time.GetUtcNow().ToUnixTimeSeconds() / 3600 * 3600 + offset);
}
