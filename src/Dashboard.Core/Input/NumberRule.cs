using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Input;

/// <summary>
/// What one kind of number may be: finite, from <see cref="Min"/> to <see cref="Max"/>, with at most
/// <see cref="Decimals"/> decimal places (0: whole numbers; null: any that a double keeps). Every form parses typed text
/// with <see cref="Parse"/> and every service checks values that arrive already typed with <see cref="Check"/>, so a
/// number is refused the same way, with the same words, whichever way it came in. Nothing is clamped or rounded.
/// </summary>
/// <param name="Unit">Said after the range ("minutes", "ms"); null for plain numbers.</param>
public sealed partial record NumberRule(double Min, double Max, int? Decimals = null, string? Unit = null)
{
    public double Min { get; init; } = double.IsFinite(Min) ? Min : throw new ArgumentOutOfRangeException(nameof(Min));

    public double Max { get; init; } = double.IsFinite(Max) && Max >= Min ? Max : throw new ArgumentOutOfRangeException(nameof(Max));

    public int? Decimals { get; init; } = Decimals is null or >= 0 ? Decimals : throw new ArgumentOutOfRangeException(nameof(Decimals));

    public bool Whole => Decimals == 0;

    /// <summary>The allowed values in words: "a whole number from 1 to 10,080 minutes".</summary>
    public string Range => $"{(Whole ? "a whole number" : "a number")} from {Words(Min)} to {Words(Max)}{(Unit is null ? "" : " " + Unit)}";

    /// <summary>What an empty field asks for: "Enter a number from 0 to 1,000,000."</summary>
    public string Prompt => $"Enter {Range}.";

    /// <summary>
    /// The value of <paramref name="text"/>, or why it is refused. Only plain ASCII decimal notation is read, in the
    /// invariant culture: digits, one optional sign, one decimal point, an optional exponent (1e3). Not NaN, Infinity,
    /// hex, thousands separators, other scripts' digits, nor anything that overflows or underflows; -0 is 0.
    /// </summary>
    public ParsedNumber Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return ParsedNumber.Invalid(Prompt);
        }
        var match = Notation().Match(trimmed);
        if (!match.Success)
        {
            return ParsedNumber.Invalid(trimmed.Contains(',', StringComparison.Ordinal)
                ? $"Use a point for decimals and no thousands separators: enter {Range}."
                : $"Not a number: enter {Range}.");
        }
        var value = double.Parse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture);
        var nonZeroDigits = match.Groups["int"].Value.Any(c => c != '0') || match.Groups["frac"].Value.Any(c => c != '0');
        var underflow = nonZeroDigits && (value == 0 || double.IsSubnormal(value));
        return Check(value, DecimalPlaces(match), underflow) is { } error ? ParsedNumber.Invalid(error) : ParsedNumber.Valid(value == 0 ? 0 : value);
    }

    /// <summary>Null when <paramref name="value"/> (from a service call or an API) is allowed, otherwise why not.</summary>
    public string? Check(double value)
    {
        if (double.IsNaN(value))
        {
            return $"Not a number: enter {Range}.";
        }
        var places = double.IsFinite(value) ? DecimalPlaces(Notation().Match(value.ToString("R", CultureInfo.InvariantCulture))) : 0;
        return Check(value, places, double.IsSubnormal(value));
    }

    /// <summary>The text a field shows for an allowed value (round-trips through <see cref="Parse"/>).</summary>
    public static string Format(double value) => value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>"1,000,000", "0.1", "-5": a bound in a message.</summary>
    public static string Words(double value) =>
        value.ToString(Math.Abs(value) < 1e15 && value == Math.Floor(value) ? "#,##0" : "#,##0.##########", CultureInfo.InvariantCulture);

    private string? Check(double value, long decimalPlaces, bool underflow)
    {
        if (value > Max)
        {
            return $"Too large: enter {Range}.";
        }
        if (value < Min)
        {
            return $"Too small: enter {Range}.";
        }
        if (underflow)
        {
            // 1e-320 and smaller: a double keeps them only approximately (or as 0), and SageMaker's 32-bit floats not at all.
            return $"Too close to 0 to be kept exactly: enter {Range}.";
        }
        if (Decimals is { } allowed && decimalPlaces > allowed)
        {
            return allowed == 0 ? $"Not a whole number: enter {Range}." : $"Use at most {allowed} decimal places: enter {Range}.";
        }
        return null;
    }

    /// <summary>Decimal places the written number needs: 1.50 has 1, 1e-7 has 7, 2.5e3 has none.</summary>
    private static long DecimalPlaces(Match match)
    {
        var fraction = match.Groups["frac"].Value.TrimEnd('0').Length;
        var exponentText = match.Groups["exp"].Value;
        // Beyond six digits the exponent only says "very large" or "very small"; saturate rather than overflow.
        var digits = exponentText.TrimStart('+', '-').TrimStart('0');
        var exponent = digits.Length > 6 ? 1_000_000L : digits.Length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture);
        if (exponentText.StartsWith('-'))
        {
            exponent = -exponent;
        }
        return Math.Max(0, fraction - exponent);
    }

    // ASCII digits only ([0-9], not \d, which takes other scripts' digits); \z, not $, which allows a trailing newline.
    [GeneratedRegex(@"^[+-]?(?:(?<int>[0-9]+)(?:\.(?<frac>[0-9]*))?|\.(?<frac>[0-9]+))(?:[eE](?<exp>[+-]?[0-9]+))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Notation();
}
