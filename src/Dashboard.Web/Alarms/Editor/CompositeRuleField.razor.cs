using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Alarms.Editor;

public partial class CompositeRuleField
{
    [Parameter, EditorRequired] public AlarmForm Form { get; set; } = default!;
    [Parameter] public string? Error { get; set; }
    [Parameter] public bool ShowError { get; set; }
    [Parameter] public IReadOnlyList<string> OtherAlarms { get; set; } = [];
    [Parameter] public EventCallback OnChanged { get; set; }

    /// <summary>Where the parser stopped; null when the rule parses (the error is then about names or cycles).</summary>
    private int? ErrorPosition => AlarmRuleParser.Parse(Form.AlarmRule ?? "").Error?.Position;

    private Task SetRule(string rule)
    {
        Form.AlarmRule = rule;
        return OnChanged.InvokeAsync();
    }

    private Task AppendAsync(string name)
    {
        var condition = $"ALARM(\"{name}\")";
        Form.AlarmRule = string.IsNullOrWhiteSpace(Form.AlarmRule) ? condition : $"{Form.AlarmRule.TrimEnd()} OR {condition}";
        return OnChanged.InvokeAsync();
    }
}
