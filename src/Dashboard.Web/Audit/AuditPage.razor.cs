using System.Globalization;
using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Web.Accounts;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Audit;

/// <summary>Searches the audit trail; every filter and the page number live in the URL, so a view can be shared.</summary>
public partial class AuditPage
{
    public const int PageSize = 50;

    private readonly HashSet<long> _expanded = [];
    private AuditFilter _filter = AuditFilter.None;
    private int _page = 1;
    private IReadOnlyList<AuditRecord> _records = [];
    private long _total;
    private bool _canVerify;
    private bool _verifying;
    private bool _verificationIntact;
    private string? _verificationText;
    private string? _notedHead;
    private string? _notedHeadError;
    private AuditHead? _noted;

    [Inject] private IAuditQueries Audit { get; set; } = default!;
    [Inject] private ICurrentActor CurrentActor { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "who")] public string? Who { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public string? ActionPrefix { get; set; }
    [SupplyParameterFromQuery(Name = "endpoint")] public string? Endpoint { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    // Text, not int?: Blazor throws on "abc" for a typed query parameter; DashboardUrls.ParsePage decides instead.
    [SupplyParameterFromQuery(Name = "page")] public string? PageNumber { get; set; }

    private int CurrentPage => _page;

    private int PageCount => (int)Math.Min(int.MaxValue, (_total + PageSize - 1) / PageSize);

    private string CsvUrl => DashboardUrls.AuditCsv(_filter);

    private string CountText => _total switch
    {
        0 => "no records",
        1 => "1 record",
        _ => $"{_total.ToString("N0", CultureInfo.InvariantCulture)} records, newest first",
    };

    protected override async Task OnInitializedAsync()
    {
        _canVerify = (await CurrentActor.GetAsync()).Can(Permission.VerifyAudit);
    }

    protected override async Task OnParametersSetAsync()
    {
        _filter = DashboardUrls.ParseAuditFilter(Who, ActionPrefix, Endpoint, Text, From, To);
        _total = await Audit.CountAsync(_filter);
        // A page past the last shows the last one, so a stale or typed-in link still shows records.
        _page = Math.Min(DashboardUrls.ParsePage(PageNumber), Math.Max(1, PageCount));
        _records = await Audit.SearchAsync(_filter, PageSize, (int)Math.Min(int.MaxValue, (_page - 1L) * PageSize));
    }

    private void SetWho(string? value) => Show(_filter with { Actor = value });

    private void SetAction(string? value) => Show(_filter with { ActionPrefix = value });

    private void SetEndpoint(string? value) => Show(_filter with { Endpoint = value });

    private void SetText(string? value) => Show(_filter with { Text = value });

    private void SetFrom(string? value) => Show(_filter with { From = ParseInput(value) });

    private void SetTo(string? value) => Show(_filter with { To = ParseInput(value) });

    private void ClearFilters() => Show(AuditFilter.None);

    private void GoToPage(int page) => Navigation.NavigateTo(DashboardUrls.Audit(_filter, page), replace: true);

    // A changed filter starts again from the newest records.
    private void Show(AuditFilter filter) => Navigation.NavigateTo(DashboardUrls.Audit(filter), replace: true);

    private void Toggle(long sequence)
    {
        if (!_expanded.Remove(sequence))
        {
            _expanded.Add(sequence);
        }
    }

    private void SetNotedHead(string? text)
    {
        _notedHead = text;
        _notedHeadError = null;
        _noted = string.IsNullOrWhiteSpace(text) ? null : AuditHead.Parse(text, out _notedHeadError);
    }

    /// <summary>The button is only shown to those allowed, but the check that counts is this one, on the server.</summary>
    private async Task VerifyAsync()
    {
        if (_notedHeadError is not null)
        {
            return;
        }
        _verifying = true;
        try
        {
            var actor = await CurrentActor.GetAsync();
            actor.Demand(Permission.VerifyAudit);
            var result = await Audit.VerifyAsync(_noted);
            (_verificationIntact, _verificationText) = (result.IsIntact, result.Message);
        }
        catch (AccessDeniedException e)
        {
            (_verificationIntact, _verificationText) = (false, e.Message);
        }
        finally
        {
            _verifying = false;
        }
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // <input type="datetime-local"> speaks "yyyy-MM-ddTHH:mm" without a zone; this page reads and writes it as UTC.
    private static string? LocalInput(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseInput(string? value) => TimeRange.TryParseTime(value, out var time) ? time : null;
}
