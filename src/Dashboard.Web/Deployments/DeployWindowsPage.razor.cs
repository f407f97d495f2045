using System.Globalization;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Deployments;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Deployments;

/// <summary>Deploy windows: everyone sees them and whether each is open; Admins add and delete them (checked again on the server).</summary>
public sealed partial class DeployWindowsPage
{
    private static readonly DayOfWeek[] WeekDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private IReadOnlyList<DeployWindow> _windows = [];
    private IReadOnlyList<FieldError> _errors = [];
    private readonly HashSet<DayOfWeek> _days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday];
    private Actor _actor = Actor.System;
    private string? _scope;
    private bool _isTag;
    private string? _start = "09:00";
    private string? _end = "16:00";
    private string? _zone = "UTC";

    [Inject] private DeployWindows Windows { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private bool CanEdit => _actor.Can(Permission.ManageSettings);

    private static List<BreadcrumbItem> Crumbs => [new("Deployments", "/deployments"), new("Deploy windows", null, disabled: true)];

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _windows = await Windows.ListAsync();
    }

    private string? Error(string field) => _errors.FirstOrDefault(e => e.Field == field)?.Message;

    private void Toggle(DayOfWeek day, bool on)
    {
        if (on)
        {
            _days.Add(day);
        }
        else
        {
            _days.Remove(day);
        }
    }

    private async Task SaveAsync()
    {
        if (!TryTime(_start, out var start) || !TryTime(_end, out var end))
        {
            _errors = [new FieldError(DeployWindow.TimesField, "Enter both times as HH:mm, e.g. 09:00 and 16:00.")];
            return;
        }
        var scope = (_scope ?? "").Trim();
        var window = new DeployWindow(0, _isTag ? DeployWindow.TagPrefix + scope : scope, WeekDays.Where(_days.Contains).ToList(), start, end,
            (_zone ?? "").Trim(), "", Now);
        try
        {
            var (saved, errors) = await Windows.SaveAsync(await CurrentActor.GetAsync(), window);
            _errors = errors;
            if (saved is not null)
            {
                _scope = null;
                _windows = await Windows.ListAsync();
            }
        }
        catch (AccessDeniedException ex)
        {
            _errors = [new FieldError(DeployWindow.ScopeField, ex.Message)];
        }
    }

    private async Task DeleteAsync(DeployWindow window)
    {
        try
        {
            await Windows.DeleteAsync(await CurrentActor.GetAsync(), window.Id);
        }
        catch (AccessDeniedException ex)
        {
            _errors = [new FieldError(DeployWindow.ScopeField, ex.Message)];
        }
        _windows = await Windows.ListAsync();
    }

    private static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact((text ?? "").Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
