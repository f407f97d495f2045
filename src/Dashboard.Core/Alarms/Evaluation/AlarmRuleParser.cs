using Dashboard.Core.Alarms;
namespace Dashboard.Core.Alarms.Evaluation;

/// <summary>A syntax error in a composite AlarmRule; <see cref="Position"/> is the 0-based index of the wrong token.</summary>
public sealed record RuleError(int Position, string Message);

public abstract record RuleNode(int Position);

/// <summary>ALARM(name), OK(name) or INSUFFICIENT_DATA(name): true when the named alarm is in <see cref="State"/>.</summary>
public sealed record RuleStateCheck(int Position, AlarmState State, string AlarmName) : RuleNode(Position);
public sealed record RuleConstant(int Position, bool Value) : RuleNode(Position);
public sealed record RuleNot(int Position, RuleNode Operand) : RuleNode(Position);
public sealed record RuleAnd(int Position, RuleNode Left, RuleNode Right) : RuleNode(Position);
public sealed record RuleOr(int Position, RuleNode Left, RuleNode Right) : RuleNode(Position);

public sealed record RuleParseResult(RuleNode? Rule, RuleError? Error)
{
    public bool Success => Rule is not null;
}

/// <summary>
/// The composite AlarmRule grammar of PutCompositeAlarm: ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE,
/// AND, OR, NOT and parentheses. Keywords are upper case as documented (a lower-case "and" is an error that says so).
/// Names may be wrapped in double quotes or bare (a bare name runs to the closing parenthesis, spaces trimmed).
/// CloudWatch does not document precedence; the usual one applies: NOT binds tightest, then AND, then OR.
/// </summary>
public static class AlarmRuleParser
{
    /// <summary>PutCompositeAlarm: AlarmRule is at most 10240 characters.</summary>
    public const int MaxLength = 10240;

    /// <summary>A composite alarm can monitor at most 100 underlying alarms.</summary>
    public const int MaxChildren = 100;

    public static RuleParseResult Parse(string rule)
    {
        rule ??= "";
        if (rule.Length > MaxLength)
            return new(null, new RuleError(MaxLength, $"The rule is {rule.Length} characters long; the limit is {MaxLength}"));
        var parser = new Parser(rule);
        try
        {
            parser.SkipSpace();
            if (parser.AtEnd)
                throw new RuleSyntaxException(0, "The rule is empty");
            var node = parser.ParseOr();
            parser.SkipSpace();
            if (!parser.AtEnd)
                throw parser.Unexpected();
            return new(node, null);
        }
        catch (RuleSyntaxException e)
        {
            return new(null, new RuleError(e.Position, $"{e.Message} at position {e.Position}"));
        }
    }

    /// <summary>The alarm names a rule uses, in order of first use; empty when it does not parse.</summary>
    public static IReadOnlyList<string> References(string rule) => Parse(rule).Rule is { } node ? References(node) : [];

    public static IReadOnlyList<string> References(RuleNode rule)
    {
        var names = new List<string>();
        void Walk(RuleNode n)
        {
            switch (n)
            {
                case RuleStateCheck c when !names.Contains(c.AlarmName): names.Add(c.AlarmName); break;
                case RuleNot not: Walk(not.Operand); break;
                case RuleAnd and: Walk(and.Left); Walk(and.Right); break;
                case RuleOr or: Walk(or.Left); Walk(or.Right); break;
            }
        }
        Walk(rule);
        return names;
    }

    private sealed class RuleSyntaxException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;

        public RuleNode ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("OR") is { } at)
                left = new RuleOr(at, left, ParseAnd());
            return left;
        }

        private RuleNode ParseAnd()
        {
            var left = ParseNot();
            while (TryKeyword("AND") is { } at)
                left = new RuleAnd(at, left, ParseNot());
            return left;
        }

        private RuleNode ParseNot() =>
            TryKeyword("NOT") is { } at ? new RuleNot(at, ParseNot()) : ParsePrimary();

        private RuleNode ParsePrimary()
        {
            SkipSpace();
            var at = _pos;
            if (AtEnd)
                throw new RuleSyntaxException(at, "Unexpected end of the rule");
            if (text[at] == '(')
            {
                _pos++;
                var inner = ParseOr();
                Expect(')');
                return inner;
            }
            var word = ReadWord();
            switch (word)
            {
                case "TRUE": return new RuleConstant(at, true);
                case "FALSE": return new RuleConstant(at, false);
                case "ALARM": return StateCheck(at, AlarmState.Alarm);
                case "OK": return StateCheck(at, AlarmState.Ok);
                case "INSUFFICIENT_DATA": return StateCheck(at, AlarmState.InsufficientData);
                case "":
                    throw Unexpected();
            }
            var upper = word.ToUpperInvariant();
            throw new RuleSyntaxException(at, upper is "TRUE" or "FALSE" or "ALARM" or "OK" or "INSUFFICIENT_DATA" or "AND" or "OR" or "NOT"
                ? $"'{word}' must be written in upper case ({upper})"
                : $"Expected ALARM(…), OK(…), INSUFFICIENT_DATA(…), TRUE, FALSE, NOT or '(' but found '{word}'");
        }

        private RuleStateCheck StateCheck(int at, AlarmState state)
        {
            Expect('(');
            SkipSpace();
            var nameAt = _pos;
            string name;
            if (!AtEnd && text[_pos] == '"')
            {
                var close = text.IndexOf('"', _pos + 1);
                if (close < 0)
                    throw new RuleSyntaxException(nameAt, "Unterminated quoted alarm name");
                name = text[(_pos + 1)..close];
                _pos = close + 1;
            }
            else
            {
                var close = text.IndexOfAny(['(', ')', '"'], _pos);
                var end = close < 0 ? text.Length : close;
                name = text[_pos..end].TrimEnd();
                _pos = end;
            }
            if (name.Trim().Length == 0)
                throw new RuleSyntaxException(nameAt, "Expected an alarm name");
            Expect(')');
            return new RuleStateCheck(at, state, name);
        }

        private int? TryKeyword(string keyword)
        {
            SkipSpace();
            var at = _pos;
            if (string.CompareOrdinal(text, _pos, keyword, 0, keyword.Length) != 0 || IsWordChar(Peek(keyword.Length)))
            {
                var word = PeekWord();
                if (word.Length > 0 && word != keyword && word.Equals(keyword, StringComparison.OrdinalIgnoreCase))
                    throw new RuleSyntaxException(at, $"'{word}' must be written in upper case ({keyword})");
                return null;
            }
            _pos += keyword.Length;
            return at;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (AtEnd || text[_pos] != c)
                throw AtEnd
                    ? new RuleSyntaxException(_pos, $"Expected '{c}' but the rule ended")
                    : new RuleSyntaxException(_pos, $"Expected '{c}' but found '{text[_pos]}'");
            _pos++;
        }

        public RuleSyntaxException Unexpected() => AtEnd
            ? new RuleSyntaxException(_pos, "Unexpected end of the rule")
            : new RuleSyntaxException(_pos, PeekWord() is { Length: > 0 } w ? $"Unexpected '{w}'" : $"Unexpected '{text[_pos]}'");

        private string ReadWord()
        {
            var word = PeekWord();
            _pos += word.Length;
            return word;
        }

        private string PeekWord()
        {
            var end = _pos;
            while (end < text.Length && IsWordChar(text[end]))
                end++;
            return text[_pos..end];
        }

        private char Peek(int ahead) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

        private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

        public void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
                _pos++;
        }
    }
}
