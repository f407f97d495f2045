using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Alarms.Editor;

public partial class ParseErrorCaret
{
    [Parameter, EditorRequired] public string Text { get; set; } = "";

    /// <summary>Zero-based index of the wrong token in <see cref="Text"/> (at its end: the text stopped too early).</summary>
    [Parameter, EditorRequired] public int Position { get; set; }

    [Parameter] public string TestId { get; set; } = "parse-error";

    private int At => Math.Clamp(Position, 0, Text.Length);

    private string Before => Text[..At];

    /// <summary>The token at the position: up to the next space or bracket, at least one character (a space when at the end).</summary>
    private string Token
    {
        get
        {
            if (At >= Text.Length)
            {
                return " ";
            }
            var end = At + 1;
            while (end < Text.Length && char.IsLetterOrDigit(Text[end]) && char.IsLetterOrDigit(Text[At]))
            {
                end++;
            }
            return Text[At..end];
        }
    }

    private string After => At >= Text.Length ? "" : Text[(At + Token.Length)..];
}
