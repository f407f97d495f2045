using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dashboard.Storage;

/// <summary>
/// Search boxes: "contains this text, whatever its case" in SQL, alike on both providers — SQLite's LIKE ignores case
/// (ASCII), PostgreSQL's does not, so there it is ILIKE. Patterns escape with a backslash.
/// </summary>
internal static class TextMatch
{
    private const string Escape = "\\";

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    /// <summary>"%text%", its own %, _ and \ escaped.</summary>
    public static string Containing(string text) => $"%{EscapeText(text)}%";

    /// <summary>"text%", its own %, _ and \ escaped.</summary>
    public static string StartingWith(string text) => $"{EscapeText(text)}%";

    /// <summary>Rows where any of <paramref name="columns"/> is like <paramref name="pattern"/>, ignoring case.</summary>
    public static Expression<Func<T, bool>> Any<T>(DatabaseFacade database, string pattern, params Expression<Func<T, string?>>[] columns)
    {
        var like = database.IsNpgsql() ? ILike : Like;
        var row = Expression.Parameter(typeof(T), "row");
        // A captured value, so EF Core sends the pattern as a parameter rather than SQL text.
        var value = Expression.Property(Expression.Constant(new Captured(pattern)), nameof(Captured.Pattern));
        var body = columns
            .Select(column => (Expression)Expression.Call(like, Expression.Constant(EF.Functions), new Rebind(column.Parameters[0], row).Visit(column.Body),
                value, Expression.Constant(Escape)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private static string EscapeText(string text) =>
        text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);

    private sealed record Captured(string Pattern);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
