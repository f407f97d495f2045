using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Tests.Alarms;

public class AlarmRuleParserTests
{
    [Theory]
    [InlineData("ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh)", "CPUUtilizationTooHigh|DiskReadOpsTooHigh")]
    [InlineData("ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress)", "CPUUtilizationTooHigh|DeploymentInProgress")]
    [InlineData("(ALARM(\"CPUUtilizationTooHigh\") OR\n ALARM(\"DiskReadOpsTooHigh\")) AND\n OK(\"NetworkOutTooHigh\")", "CPUUtilizationTooHigh|DiskReadOpsTooHigh|NetworkOutTooHigh")]
    [InlineData("INSUFFICIENT_DATA( \"latency p99 (prod)\" ) OR ALARM(a) OR ALARM(a)", "latency p99 (prod)|a")]
    [InlineData("TRUE AND NOT FALSE", "")]
    public void Parse_DocumentedForms_ListsReferencedNames(string rule, string names)
    {
        var result = AlarmRuleParser.Parse(rule);

        Assert.True(result.Success, result.Error?.Message);
        Assert.Equal(names.Length == 0 ? [] : names.Split('|'), AlarmRuleParser.References(rule));
    }

    [Theory]
    [InlineData("ALARM(a) AND", 12, "Unexpected end of the rule at position 12")]
    [InlineData("ALARM(a) and ALARM(b)", 9, "'and' must be written in upper case (AND) at position 9")]
    [InlineData("alarm(a)", 0, "'alarm' must be written in upper case (ALARM) at position 0")]
    [InlineData("ALARM a", 6, "Expected '(' but found 'a' at position 6")]
    [InlineData("ALARM()", 6, "Expected an alarm name at position 6")]
    [InlineData("(ALARM(a) OR OK(b)", 18, "Expected ')' but the rule ended at position 18")]
    [InlineData("ALARM(\"a) OR OK(b)", 6, "Unterminated quoted alarm name at position 6")]
    [InlineData("ALARM(a) OK(b)", 9, "Unexpected 'OK' at position 9")]
    [InlineData("ALARMS(a)", 0, "Expected ALARM(…), OK(…), INSUFFICIENT_DATA(…), TRUE, FALSE, NOT or '(' but found 'ALARMS' at position 0")]
    [InlineData("  ", 0, "The rule is empty at position 0")]
    public void Parse_InvalidRule_PointsAtTheWrongToken(string rule, int position, string message) =>
        Assert.Equal(new RuleError(position, message), AlarmRuleParser.Parse(rule).Error);

    [Fact]
    public void Parse_LongerThan10240Characters_IsRefused()
    {
        var rule = "ALARM(" + new string('a', 10240) + ")";

        var error = AlarmRuleParser.Parse(rule).Error;

        Assert.NotNull(error);
        Assert.Contains("10240", error.Message);
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr()
    {
        var rule = AlarmRuleParser.Parse("ALARM(a) OR ALARM(b) AND ALARM(c)").Rule;

        var or = Assert.IsType<RuleOr>(rule);
        Assert.IsType<RuleAnd>(or.Right);
    }

    [Fact]
    public void Parse_NotBindsTighterThanAnd()
    {
        var rule = AlarmRuleParser.Parse("NOT ALARM(a) AND ALARM(b)").Rule;

        var and = Assert.IsType<RuleAnd>(rule);
        Assert.IsType<RuleNot>(and.Left);
    }
}
