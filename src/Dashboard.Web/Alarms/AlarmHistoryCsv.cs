using System.Globalization;
using System.Text;
using Dashboard.Core.Alarms;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Export;

namespace Dashboard.Web.Alarms;

/// <summary><c>GET /alarms/history.csv</c>: the state history page's filtered transitions as a download, written row by row.</summary>
public static class AlarmHistoryCsv
{
    public const string Header = "time_utc,alarm,endpoint,old_state,new_state,reason,notified";

    /// <summary>Every matching transition (history is kept as long as the metrics, so the export is not capped at a page).</summary>
    public const int MaxRows = 1_000_000;

    public static IEndpointConventionBuilder MapAlarmHistoryCsv(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/alarms/history.csv", async (HttpContext http, IAlarmStore store, TimeProvider time,
                string? alarm, string? endpoint, string? state, string? q) =>
            {
                if (!string.IsNullOrWhiteSpace(state) && AlarmWireNames.ParseState(state) is null)
                {
                    return Results.Text("The value of state must be OK, ALARM or INSUFFICIENT_DATA.", "text/plain", Encoding.UTF8,
                        StatusCodes.Status400BadRequest);
                }
                var filter = AlarmHistoryPage.Filter(alarm, endpoint, state, q) with { Limit = MaxRows };
                var transitions = await store.HistoryAsync(filter, http.RequestAborted);
                return Results.Stream(async body =>
                {
                    await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    await writer.WriteAsync(Header + "\r\n");
                    foreach (var transition in transitions)
                    {
                        await writer.WriteAsync(Row(transition) + "\r\n");
                    }
                }, "text/csv; charset=utf-8", ChartCsv.StampedFileName("alarm-history", time.GetUtcNow()));
            })
            .RequireAuthorization()
            .WithName("AlarmHistoryCsv");

    public static string Build(IEnumerable<AlarmTransition> transitions) =>
        string.Concat(transitions.Select(t => Row(t) + "\r\n").Prepend(Header + "\r\n"));

    public static string Row(AlarmTransition t) => string.Join(',',
        DateTimeOffset.FromUnixTimeSeconds(t.Time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        CsvCell.Text(t.AlarmName), CsvCell.Text(t.Endpoint), t.OldState.ToWire(), t.NewState.ToWire(), CsvCell.Text(t.Reason),
        t.MutedBy is null ? "yes" : CsvCell.Text("no: " + t.MutedBy));
}
