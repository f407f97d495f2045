using System.Globalization;
using System.Text;

namespace Dashboard.Core.Input;

/// <summary>
/// The one rule for names people give to what the dashboard records or routes to: local user names (written into the
/// audit trail as the actor) and alarm names (a path segment of /alarms/{name}). Each check returns the message for
/// the name's field, or null when the name may be used.
/// </summary>
public static class Names
{
    public const int MaxUserNameLength = 64;

    /// <summary>The longest name from an identity provider recorded as an actor.</summary>
    public const int MaxActorNameLength = 256;

    /// <summary>CloudWatch's limit for an alarm name.</summary>
    public const int MaxAlarmNameLength = 255;

    /// <summary>The audit trail's name for the dashboard itself (<see cref="Security.Actor.System"/>).</summary>
    public const string SystemActor = "system";

    /// <summary>What a failed sign-in with an empty user name is recorded as.</summary>
    public const string AnonymousActor = "anonymous";

    private const string UserNameSymbols = "-._@+";

    /// <summary>Characters that end or escape a path segment, or that browsers and servers decode twice.</summary>
    private const string UnroutableCharacters = "/\\?#%";

    private static readonly string[] ReservedUserNames = [SystemActor, AnonymousActor];

    /// <summary>The words of the dashboard's own addresses under /alarms/: an alarm so named would open that page instead.</summary>
    private static readonly string[] AlarmRouteWords = ["new", "history", "history.csv", "mutes"];

    public static string? UserNameError(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        var rule = $"A user name has 1 to {MaxUserNameLength} characters: letters a–z or A–Z, digits and {UserNameSymbols}, starting with a letter or digit.";
        if (trimmed.Length == 0)
        {
            return "Enter a user name. " + rule;
        }
        if (trimmed.Length > MaxUserNameLength)
        {
            return $"This name has {trimmed.Length} characters. {rule}";
        }
        if (ReservedError(trimmed, ReservedUserNames) is { } reserved)
        {
            return reserved;
        }
        // A plain character set leaves no room for other look-alikes or for invisible characters.
        return !char.IsAsciiLetterOrDigit(trimmed[0]) || trimmed.Any(c => !char.IsAsciiLetterOrDigit(c) && !UserNameSymbols.Contains(c))
            ? rule
            : null;
    }

    /// <summary>
    /// Whether a name from an identity provider may stand for a person in the audit trail: any text a provider uses
    /// (spaces, e-mail addresses, other alphabets), but not blank, over 256 characters, invisible or reserved.
    /// </summary>
    public static string? ActorNameError(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxActorNameLength)
        {
            return $"A name has 1 to {MaxActorNameLength} characters.";
        }
        if (!IsWellFormed(trimmed) || trimmed.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return "A name can't contain control characters or invisible formatting characters.";
        }
        return ReservedError(trimmed, ReservedUserNames);
    }

    public static string? AlarmNameError(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxAlarmNameLength)
        {
            return $"The name must be 1 to {MaxAlarmNameLength} characters long.";
        }
        if (trimmed.Length != name!.Length)
        {
            return "The name can't start or end with a space.";
        }
        if (!IsWellFormed(trimmed))
        {
            return "The name contains a broken character (half of a surrogate pair); type it again.";
        }
        // Control characters and invisible formatting (bidi overrides, zero-width spaces) make a name read differently
        // from what it is.
        if (trimmed.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return "The name can't contain control characters or invisible formatting characters (such as right-to-left marks).";
        }
        if (trimmed.IndexOfAny(UnroutableCharacters.ToCharArray()) >= 0)
        {
            return "The name can't contain / \\ ? # or %: the alarm's page address would break.";
        }
        if (trimmed is "." or "..")
        {
            return $"'{trimmed}' can't be an alarm name: browsers read it as a step in the address, not a name.";
        }
        if (AlarmRouteWords.FirstOrDefault(w => string.Equals(w, trimmed, StringComparison.OrdinalIgnoreCase)) is { } word)
        {
            return $"'{word}' is part of the dashboard's own addresses (/alarms/{word}); choose another name.";
        }
        return ReservedError(trimmed, [SystemActor]);
    }

    /// <summary>A reserved name in any case, in compatibility forms (full-width letters) or with look-alike letters.</summary>
    private static string? ReservedError(string name, IEnumerable<string> reserved)
    {
        foreach (var word in reserved.Where(word => LooksLike(name, word)))
        {
            return word == SystemActor
                ? $"'{name}' is too close to '{SystemActor}', the audit trail's name for the dashboard itself; choose another name."
                : $"'{name}' is too close to '{word}', a name the audit trail uses; choose another name.";
        }
        return null;
    }

    /// <summary>
    /// Whether two names read the same to a person: equal ignoring case and compatibility forms (full-width letters),
    /// or differing only where one has a letter of another alphabet in place of a Latin letter (a Cyrillic 'ѕ' for 's').
    /// Names in other alphabets altogether are not look-alikes of each other.
    /// </summary>
    public static bool LooksLike(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = Fold(first);
        var b = Fold(second);
        return a.Length == b.Length && a.Zip(b).All(pair => pair.First == pair.Second
            || (char.IsAsciiLetter(pair.First) && !char.IsAscii(pair.Second) && char.IsLetter(pair.Second))
            || (char.IsAsciiLetter(pair.Second) && !char.IsAscii(pair.First) && char.IsLetter(pair.First)));
    }

    private static string Fold(string name) => name.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>False when a surrogate has no partner: such text can't be encoded in an address or stored as UTF-8.</summary>
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
