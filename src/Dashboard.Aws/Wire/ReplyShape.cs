namespace Dashboard.Aws.Wire;

/// <summary>
/// Checks of members a reply must carry. System.Text.Json leaves absent constructor members null/default, which
/// would otherwise surface far from the wire as NullReferenceExceptions in a collector.
/// </summary>
internal static class ReplyShape
{
    public static T Require<T>(T? value, string member) where T : class =>
        value ?? throw new MalformedReplyException($"lacks {member}");

    public static DateTimeOffset Require(DateTimeOffset value, string member) =>
        value == default ? throw new MalformedReplyException($"lacks {member}") : value;

    public static string RequireText(string? value, string member) =>
        string.IsNullOrEmpty(value) ? throw new MalformedReplyException($"lacks {member}") : value;
}

/// <summary>Raised by reply checks; the JSON-RPC core turns it into a "MalformedResponse" service exception.</summary>
internal sealed class MalformedReplyException(string problem) : Exception(problem);
