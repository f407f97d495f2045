using Dashboard.Core.Input;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Controls;

/// <summary>
/// The one input for numbers: text parsed by a <see cref="NumberRule"/>, never clamped or rounded. <see cref="Value"/> is
/// the parsed number, null while the text is empty or refused; the rule's message shows at the field once it was edited
/// (or once the server has a word about it), and otherwise the server's <see cref="Error"/>.
/// </summary>
public sealed partial class NumberField
{
    private string _text = "";
    private ParsedNumber _parsed;
    private double? _reported;
    private bool _initialized;
    private bool _edited;

    [Parameter, EditorRequired] public NumberRule Rule { get; set; } = default!;

    [Parameter] public double? Value { get; set; }

    [Parameter] public EventCallback<double?> ValueChanged { get; set; }

    /// <summary>The server's message for the field (a FieldError's), shown when the text itself is fine.</summary>
    [Parameter] public string? Error { get; set; }

    [Parameter] public string? Label { get; set; }
    [Parameter] public string? HelperText { get; set; }
    [Parameter] public string? AdornmentText { get; set; }
    [Parameter] public Variant Variant { get; set; } = Variant.Outlined;
    [Parameter] public Margin Margin { get; set; } = Margin.Dense;
    [Parameter] public bool ReadOnly { get; set; }
    [Parameter] public bool Disabled { get; set; }
    [Parameter] public string? Class { get; set; }
    [Parameter] public string? Style { get; set; }

    /// <summary>Lands on the input element.</summary>
    [Parameter] public string? TestId { get; set; }

    // The phone keyboard for the rule: digits, plus a point unless whole; a full keyboard when a minus sign is allowed
    // (the decimal keypads have none). The rule still reads only what it allows.
    private InputMode Keyboard => Rule.Min < 0 ? InputMode.text : Rule.Whole ? InputMode.numeric : InputMode.@decimal;

    private string? ServerError => string.IsNullOrEmpty(Error) ? null : Error;

    private string? Message => !_parsed.IsValid && (_edited || ServerError is not null) ? _parsed.Error : ServerError;

    protected override void OnParametersSet()
    {
        // A value set from outside (a loaded alarm, a new form) replaces the text; the value this field reported keeps what was typed.
        if (!_initialized || !Equals(Value, _reported))
        {
            _initialized = true;
            _text = Value is { } value ? NumberRule.Format(value) : "";
            _reported = Value;
            _edited = false;
        }
        _parsed = Rule.Parse(_text);
    }

    private async Task OnTextChangedAsync(string? text)
    {
        _text = text ?? "";
        _edited = true;
        _parsed = Rule.Parse(_text);
        _reported = _parsed.Value;
        await ValueChanged.InvokeAsync(_parsed.Value);
    }
}
