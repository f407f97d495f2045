using Dashboard.Core.Input;
using Dashboard.Tests.Shared;

namespace Dashboard.Core.Tests.Input;

public sealed class NumberRuleTests
{
    private static readonly NumberRule Weight = new(0, 1_000_000, Decimals: 6);
    private static readonly NumberRule Minutes = new(1, 10_080, Decimals: 0, Unit: "minutes");
    private static readonly NumberRule Threshold = new(-1e12, 1e12);

    private const string WeightRange = "a number from 0 to 1,000,000";

    public static TheoryData<string> NotFinite() => [.. BadInput.NotFiniteNumbers];

    [Theory]
    [MemberData(nameof(NotFinite))]
    public void Parse_NotFiniteNumber_RefusedWithTheRangeInWords(string text)
    {
        var parsed = Weight.Parse(text);

        Assert.Null(parsed.Value);
        Assert.EndsWith($"enter {WeightRange}.", parsed.Error, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Each item of the corpus (and each edge) with the message it gets against the weight rule.</summary>
    public static TheoryData<string, string> WeightMessages() => new()
    {
        { "NaN", $"Not a number: enter {WeightRange}." },
        { "nan", $"Not a number: enter {WeightRange}." },
        { "Infinity", $"Not a number: enter {WeightRange}." },
        { "-Infinity", $"Not a number: enter {WeightRange}." },
        { "∞", $"Not a number: enter {WeightRange}." },
        { "-∞", $"Not a number: enter {WeightRange}." },
        { "1e309", $"Too large: enter {WeightRange}." },
        { "-1e309", $"Too small: enter {WeightRange}." },
        { "-1e400", $"Too small: enter {WeightRange}." },
        { "1e99999", $"Too large: enter {WeightRange}." },
        { "", $"Enter {WeightRange}." },
        { " ", $"Enter {WeightRange}." },
        { "\t", $"Enter {WeightRange}." },
        { "abc", $"Not a number: enter {WeightRange}." },
        { "1,5.2", $"Use a point for decimals and no thousands separators: enter {WeightRange}." },
        { "0x10", $"Not a number: enter {WeightRange}." },
        { "1e", $"Not a number: enter {WeightRange}." },
        { "--1", $"Not a number: enter {WeightRange}." },
        { "½", $"Not a number: enter {WeightRange}." },
        { "١٢", $"Not a number: enter {WeightRange}." },
        { "１２", $"Not a number: enter {WeightRange}." },
        { new string('9', 10_000), $"Too large: enter {WeightRange}." },
        { "-1", $"Too small: enter {WeightRange}." },
        { "-5", $"Too small: enter {WeightRange}." },
        { "1e-320", $"Too close to 0 to be kept exactly: enter {WeightRange}." },
        { "1e-400", $"Too close to 0 to be kept exactly: enter {WeightRange}." },
        { "2147483648", $"Too large: enter {WeightRange}." },
        { "1.7976931348623157e308", $"Too large: enter {WeightRange}." },
        { "0.0000001", $"Use at most 6 decimal places: enter {WeightRange}." },
        { "1e-7", $"Use at most 6 decimal places: enter {WeightRange}." },
        { "1 000", $"Not a number: enter {WeightRange}." },
        { "0,5", $"Use a point for decimals and no thousands separators: enter {WeightRange}." },
    };

    [Theory]
    [MemberData(nameof(WeightMessages))]
    public void Parse_BadWeight_ExactMessage(string text, string message)
    {
        var parsed = Weight.Parse(text);

        Assert.Equal((null, message), (parsed.Value, parsed.Error));
    }

    [Theory]
    [InlineData("-0", 0)]
    [InlineData("0", 0)]
    [InlineData("+0.0", 0)]
    [InlineData("99999", 99_999)]
    [InlineData(" 0.8 ", 0.8)]
    [InlineData("1\n", 1)] // pasted with its line end
    [InlineData("\u00A01\u00A0", 1)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("1.50", 1.5)]
    [InlineData("2.5e3", 2_500)]
    [InlineData("1E-6", 0.000001)]
    [InlineData("0.000001", 0.000001)]
    [InlineData("1000000", 1_000_000)]
    public void Parse_GoodWeight_Value(string text, double value)
    {
        var parsed = Weight.Parse(text);

        Assert.Equal((value, null), (parsed.Value, parsed.Error));
        Assert.False(double.IsNegative(parsed.Value!.Value), "-0 is 0");
    }

    [Theory]
    [InlineData("-0", "Too small: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("0", "Too small: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("-5", "Too small: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("1e-320", "Too small: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("99999", "Too large: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("10081", "Too large: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("2147483648", "Too large: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("1.5", "Not a whole number: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("NaN", "Not a number: enter a whole number from 1 to 10,080 minutes.")]
    [InlineData("", "Enter a whole number from 1 to 10,080 minutes.")]
    public void Parse_BadMinutes_ExactMessage(string text, string message) =>
        Assert.Equal((null, message), (Minutes.Parse(text).Value, Minutes.Parse(text).Error));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("10080", 10_080)]
    [InlineData("1.0", 1)]
    [InlineData("1e2", 100)]
    public void Parse_GoodMinutes_Value(string text, double value) => Assert.Equal(value, Minutes.Parse(text).Value);

    [Theory]
    [InlineData(double.NaN, "Not a number: enter a number from -1,000,000,000,000 to 1,000,000,000,000.")]
    [InlineData(double.PositiveInfinity, "Too large: enter a number from -1,000,000,000,000 to 1,000,000,000,000.")]
    [InlineData(double.NegativeInfinity, "Too small: enter a number from -1,000,000,000,000 to 1,000,000,000,000.")]
    [InlineData(double.MaxValue, "Too large: enter a number from -1,000,000,000,000 to 1,000,000,000,000.")]
    [InlineData(-double.MaxValue, "Too small: enter a number from -1,000,000,000,000 to 1,000,000,000,000.")]
    [InlineData(double.Epsilon, "Too close to 0 to be kept exactly: enter a number from -1,000,000,000,000 to 1,000,000,000,000.")]
    [InlineData(1e12 + 1, "Too large: enter a number from -1,000,000,000,000 to 1,000,000,000,000.")]
    public void Check_BadTypedValue_SameMessageAsTyped(double value, string message) => Assert.Equal(message, Threshold.Check(value));

    [Theory]
    [InlineData(-0.0)]
    [InlineData(1e-300)]
    [InlineData(-1e12)]
    [InlineData(1e12)]
    [InlineData(0.1 + 0.2)]
    public void Check_FiniteInRange_Null(double value) => Assert.Null(Threshold.Check(value));

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.000001)]
    [InlineData(1_000_000)]
    public void Check_WeightWithSixDecimalsOrFewer_Null(double value) => Assert.Null(Weight.Check(value));

    [Theory]
    [InlineData(0.1 + 0.2)] // 0.30000000000000004
    [InlineData(1e-7)]
    public void Check_WeightWithMoreDecimals_Refused(double value) =>
        Assert.Equal($"Use at most 6 decimal places: enter {WeightRange}.", Weight.Check(value));

    [Theory]
    [InlineData(0.8)]
    [InlineData(1e-300)]
    [InlineData(-123.456)]
    [InlineData(1e12)]
    [InlineData(-0.0)]
    public void Format_Value_ParsesBackToTheSameValue(double value) =>
        Assert.Equal(value == 0 ? 0 : value, Threshold.Parse(NumberRule.Format(value)).Value);

    [Theory]
    [InlineData(0, "0")]
    [InlineData(10_080, "10,080")]
    [InlineData(-1e12, "-1,000,000,000,000")]
    [InlineData(0.1, "0.1")]
    [InlineData(2.5, "2.5")]
    public void Words_Bound_WrittenForPeople(double value, string words) => Assert.Equal(words, NumberRule.Words(value));

    [Fact]
    public void Constructor_NonFiniteOrInvertedBounds_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumberRule(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumberRule(0, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumberRule(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumberRule(0, 1, Decimals: -1));
    }
}
