using System.Globalization;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Alarms.Calculation;

/// <summary>A syntax or type error in a metric-math expression; <see cref="Position"/> is the 0-based index of the token.</summary>
public sealed record MathError(int Position, string Message);

public enum MathOperator
{
    Add, Subtract, Multiply, Divide, Power,
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    And, Or,
}

public abstract record MathNode(int Position);
public sealed record MathNumber(int Position, double Value) : MathNode(Position);
public sealed record MathMetric(int Position, string Id) : MathNode(Position);
public sealed record MathNegate(int Position, MathNode Operand) : MathNode(Position);
public sealed record MathBinary(int Position, MathOperator Operator, MathNode Left, MathNode Right) : MathNode(Position);
public sealed record MathCall(int Position, string Function, IReadOnlyList<MathNode> Arguments) : MathNode(Position);
public sealed record MathList(int Position, IReadOnlyList<MathNode> Items) : MathNode(Position);
/// <summary>REPEAT or LINEAR, only as FILL's second argument.</summary>
public sealed record MathFillMethod(int Position, string Method) : MathNode(Position);

/// <summary>A parsed expression that produces one time series; <see cref="ReferencedIds"/> in order of first use.</summary>
public sealed record MathExpression(string Text, MathNode Root, IReadOnlyList<string> ReferencedIds);

public sealed record MathParseResult(MathExpression? Expression, MathError? Error)
{
    public bool Success => Expression is not null;
}

/// <summary>
/// Recursive-descent parser for the alarm subset of CloudWatch metric math ("Use metric math" in the user guide):
/// numbers, metric ids (a lowercase letter, then letters, digits or underscores), + - * / ^, unary minus, comparisons
/// (== != &lt; &lt;= &gt; &gt;=), AND/&amp;&amp;, OR/||, parentheses, and the upper-case functions ABS, FILL (with a
/// number, a series, REPEAT or LINEAR), SUM, AVG, MIN, MAX and IF. Precedence, loosest first: OR, AND, comparisons,
/// + -, * /, unary minus, ^ (right-associative).
/// After parsing, a type pass checks scalars, series and [lists] so that the result is one time series.
/// </summary>
internal sealed class MetricMathParser
{
    private enum Kind { Scalar, Series, List }

    private sealed class SyntaxException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }

    private readonly string _text;
    private readonly IReadOnlyCollection<string>? _knownIds;
    private readonly List<string> _ids = [];
    private int _pos;

    private MetricMathParser(string text, IReadOnlyCollection<string>? knownIds)
    {
        _text = text;
        _knownIds = knownIds;
    }

    public static MathParseResult Parse(string text, IReadOnlyCollection<string>? knownIds)
    {
        var parser = new MetricMathParser(text, knownIds);
        try
        {
            parser.SkipSpace();
            if (parser._pos >= text.Length)
                throw new SyntaxException(0, "The expression is empty");
            var root = parser.ParseOr();
            parser.SkipSpace();
            if (parser._pos < text.Length)
                throw new SyntaxException(parser._pos, $"Unexpected '{text[parser._pos]}'");
            if (TypeOf(root) != Kind.Series)
                throw new SyntaxException(0, "The expression must produce a time series, not a single number");
            return new(new MathExpression(text, root, parser._ids), null);
        }
        catch (SyntaxException e)
        {
            return new(null, new MathError(e.Position, $"{e.Message} at position {e.Position}"));
        }
    }

    private MathNode ParseOr()
    {
        var left = ParseAnd();
        while (TryOperator("||", "OR") is { } at)
            left = new MathBinary(at, MathOperator.Or, left, ParseAnd());
        return left;
    }

    private MathNode ParseAnd()
    {
        var left = ParseComparison();
        while (TryOperator("&&", "AND") is { } at)
            left = new MathBinary(at, MathOperator.And, left, ParseComparison());
        return left;
    }

    private MathNode ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            SkipSpace();
            var (op, length) = Peek(0) switch
            {
                '=' when Peek(1) == '=' => (MathOperator.Equal, 2),
                '!' when Peek(1) == '=' => (MathOperator.NotEqual, 2),
                '<' when Peek(1) == '=' => (MathOperator.LessOrEqual, 2),
                '>' when Peek(1) == '=' => (MathOperator.GreaterOrEqual, 2),
                '<' => (MathOperator.Less, 1),
                '>' => (MathOperator.Greater, 1),
                _ => (MathOperator.Add, 0),
            };
            if (length == 0)
                return left;
            var at = _pos;
            _pos += length;
            left = new MathBinary(at, op, left, ParseAdditive());
        }
    }

    private MathNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            SkipSpace();
            if (Peek(0) is not ('+' or '-'))
                return left;
            var at = _pos++;
            left = new MathBinary(at, _text[at] == '+' ? MathOperator.Add : MathOperator.Subtract, left, ParseMultiplicative());
        }
    }

    private MathNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            if (Peek(0) is not ('*' or '/'))
                return left;
            var at = _pos++;
            left = new MathBinary(at, _text[at] == '*' ? MathOperator.Multiply : MathOperator.Divide, left, ParseUnary());
        }
    }

    private MathNode ParseUnary()
    {
        SkipSpace();
        if (Peek(0) != '-')
            return ParsePower();
        var at = _pos++;
        return new MathNegate(at, ParseUnary());
    }

    private MathNode ParsePower()
    {
        var left = ParsePrimary();
        SkipSpace();
        if (Peek(0) != '^')
            return left;
        var at = _pos++;
        return new MathBinary(at, MathOperator.Power, left, ParseUnary());
    }

    private MathNode ParsePrimary()
    {
        SkipSpace();
        var at = _pos;
        var c = Peek(0);
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
            return ParseNumber();
        if (c == '(')
        {
            _pos++;
            var inner = ParseOr();
            Expect(')');
            return inner;
        }
        if (c == '[')
        {
            _pos++;
            var items = new List<MathNode> { ParseOr() };
            while (TryChar(','))
                items.Add(ParseOr());
            Expect(']');
            return new MathList(at, items);
        }
        if (char.IsAsciiLetter(c))
        {
            var word = ReadWord();
            SkipSpace();
            var call = Peek(0) == '(';
            if (char.IsAsciiLetterLower(c))
            {
                if (call)
                    throw new SyntaxException(at, $"Functions are written in upper case: '{word.ToUpperInvariant()}', not '{word}',");
                if (_knownIds is not null && !_knownIds.Contains(word))
                    throw new SyntaxException(at, $"Unknown metric id '{word}'");
                if (!_ids.Contains(word))
                    _ids.Add(word);
                return new MathMetric(at, word);
            }
            if (!call && word is "REPEAT" or "LINEAR")
                return new MathFillMethod(at, word);
            if (!call)
                throw new SyntaxException(at, word.Any(ch => !char.IsAsciiLetterUpper(ch) && ch != '_')
                    ? $"Metric ids start with a lowercase letter: '{word}'"
                    : $"Unknown name '{word}'");
            if (word is not ("ABS" or "FILL" or "SUM" or "AVG" or "MIN" or "MAX" or "IF"))
                throw new SyntaxException(at, $"Unknown function '{word}' (supported: ABS, FILL, SUM, AVG, MIN, MAX, IF)");
            _pos++;
            var args = new List<MathNode>();
            SkipSpace();
            if (Peek(0) != ')')
            {
                args.Add(ParseOr());
                while (TryChar(','))
                    args.Add(ParseOr());
            }
            Expect(')');
            return new MathCall(at, word, args);
        }
        throw new SyntaxException(at, at >= _text.Length ? "Unexpected end of the expression" : $"Unexpected '{c}'");
    }

    private MathNumber ParseNumber()
    {
        var at = _pos;
        while (char.IsAsciiDigit(Peek(0)) || Peek(0) == '.')
            _pos++;
        if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            _pos += 2;
            while (char.IsAsciiDigit(Peek(0)))
                _pos++;
        }
        var span = _text.AsSpan(at, _pos - at);
        if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new SyntaxException(at, $"'{span}' is not a number");
        return new MathNumber(at, value);
    }

    private string ReadWord()
    {
        var start = _pos;
        while (char.IsAsciiLetterOrDigit(Peek(0)) || Peek(0) == '_')
            _pos++;
        return _text[start.._pos];
    }

    private int? TryOperator(string symbol, string word)
    {
        SkipSpace();
        var at = _pos;
        if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) == 0)
        {
            _pos += symbol.Length;
            return at;
        }
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0
            && !(char.IsAsciiLetterOrDigit(Peek(word.Length)) || Peek(word.Length) == '_'))
        {
            _pos += word.Length;
            return at;
        }
        return null;
    }

    private bool TryChar(char c)
    {
        SkipSpace();
        if (Peek(0) != c)
            return false;
        _pos++;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryChar(c))
            throw new SyntaxException(_pos, $"Expected '{c}'");
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private static Kind TypeOf(MathNode node)
    {
        switch (node)
        {
            case MathNumber: return Kind.Scalar;
            case MathMetric: return Kind.Series;
            case MathList list:
                foreach (var item in list.Items)
                    if (TypeOf(item) != Kind.Series)
                        throw new SyntaxException(item.Position, "The items of a [list] must be time series");
                return Kind.List;
            case MathNegate neg:
                return NotList(neg.Operand);
            case MathBinary bin:
                var left = NotList(bin.Left);
                var right = NotList(bin.Right);
                return left == Kind.Series || right == Kind.Series ? Kind.Series : Kind.Scalar;
            case MathCall call:
                return TypeOfCall(call);
            case MathFillMethod fill:
                throw new SyntaxException(fill.Position, $"{fill.Method} only tells FILL how to fill, as in FILL(m1, {fill.Method})");
            default:
                throw new SyntaxException(node.Position, "Unsupported expression");
        }
    }

    private static Kind TypeOfCall(MathCall call)
    {
        var args = call.Arguments;
        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
                throw new SyntaxException(call.Position, min == max
                    ? $"{call.Function} takes {min} argument{(min == 1 ? "" : "s")}, not {args.Count},"
                    : $"{call.Function} takes {min} to {max} arguments, not {args.Count},");
        }
        switch (call.Function)
        {
            case "ABS":
                Arity(1, 1);
                return NotList(args[0]);
            case "FILL":
                Arity(2, 2);
                if (NotList(args[0]) != Kind.Series)
                    throw new SyntaxException(args[0].Position, "FILL needs a time series to fill");
                if (args[1] is not MathFillMethod)
                    NotList(args[1]);
                return Kind.Series;
            case "IF":
                Arity(2, 3);
                var kinds = args.Select(NotList).ToList();
                return kinds.Contains(Kind.Series) ? Kind.Series : Kind.Scalar;
            default: // SUM AVG MIN MAX
                Arity(1, 1);
                return TypeOf(args[0]) switch
                {
                    Kind.List => Kind.Series,
                    Kind.Series => Kind.Scalar,
                    _ => throw new SyntaxException(args[0].Position, $"{call.Function} needs a time series or a [list] of them"),
                };
        }
    }

    private static Kind NotList(MathNode node)
    {
        var kind = TypeOf(node);
        if (kind == Kind.List)
            throw new SyntaxException(node.Position, "A [list] can only be the argument of SUM, AVG, MIN or MAX");
        return kind;
    }
}
