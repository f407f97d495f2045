using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Tests.Alarms;

public class CompositeAlarmEvaluatorTests
{
    private static Func<string, AlarmState?> States(params (string Name, AlarmState State)[] states) =>
        name => states.Where(s => s.Name == name).Select(s => (AlarmState?)s.State).FirstOrDefault();

    [Theory]
    [InlineData(AlarmState.Alarm, AlarmState.Alarm, AlarmState.Alarm)]
    [InlineData(AlarmState.Alarm, AlarmState.Ok, AlarmState.Ok)]
    [InlineData(AlarmState.Alarm, AlarmState.InsufficientData, AlarmState.Ok)]
    [InlineData(AlarmState.InsufficientData, AlarmState.InsufficientData, AlarmState.Ok)]
    public void Evaluate_AndOfAlarms_IsAlarmOnlyWhenBothAreAlarm(AlarmState cpu, AlarmState disk, AlarmState expected)
    {
        var result = CompositeAlarmEvaluator.Evaluate("ALARM(cpu) AND ALARM(disk)", States(("cpu", cpu), ("disk", disk)));

        Assert.Equal(expected, result.State);
    }

    [Fact]
    public void Evaluate_ChildrenInsufficientData_CompositeIsNeverInsufficientData()
    {
        var result = CompositeAlarmEvaluator.Evaluate("ALARM(a) OR OK(b)", States(("a", AlarmState.InsufficientData), ("b", AlarmState.InsufficientData)));

        Assert.Equal(AlarmState.Ok, result.State);
    }

    [Fact]
    public void Evaluate_InsufficientDataFunction_IsTrueForAnUnknownChild()
    {
        var result = CompositeAlarmEvaluator.Evaluate("INSUFFICIENT_DATA(\"never evaluated\")", States());

        Assert.Equal(AlarmState.Alarm, result.State);
        Assert.Equal("The rule is true: never evaluated is INSUFFICIENT_DATA.", result.Reason);
    }

    [Theory]
    [InlineData("TRUE", AlarmState.Alarm)]
    [InlineData("FALSE", AlarmState.Ok)]
    [InlineData("NOT FALSE AND TRUE", AlarmState.Alarm)]
    [InlineData("ALARM(cpu) AND NOT ALARM(deploy)", AlarmState.Ok)]
    [InlineData("(ALARM(cpu) OR ALARM(disk)) AND OK(net)", AlarmState.Alarm)]
    [InlineData("ALARM(cpu) OR ALARM(disk) AND OK(deploy)", AlarmState.Alarm)]
    [InlineData("(ALARM(cpu) OR ALARM(disk)) AND OK(deploy)", AlarmState.Ok)]
    public void Evaluate_Operators_FollowBooleanLogic(string rule, AlarmState expected)
    {
        var states = States(("cpu", AlarmState.Alarm), ("disk", AlarmState.Ok), ("net", AlarmState.Ok), ("deploy", AlarmState.Alarm));

        Assert.Equal(expected, CompositeAlarmEvaluator.Evaluate(rule, states).State);
    }

    [Fact]
    public void Evaluate_TrueOr_NamesOnlyTheChildThatMadeItTrue()
    {
        var result = CompositeAlarmEvaluator.Evaluate("ALARM(disk) OR ALARM(cpu)", States(("cpu", AlarmState.Alarm), ("disk", AlarmState.Ok)));

        Assert.Equal(["cpu"], result.DecidingAlarms);
        Assert.Equal("The rule is true: cpu is ALARM.", result.Reason);
    }

    [Fact]
    public void FindCycle_ThreeCompositesInALoop_ReturnsThePath()
    {
        var refs = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["a"] = ["metric1", "b"],
            ["b"] = ["c"],
            ["c"] = ["metric2", "a"],
        };

        Assert.Equal(["a", "b", "c", "a"], CompositeAlarmEvaluator.FindCycle(refs));
    }

    [Fact]
    public void FindCycle_SelfReference_ReturnsIt() =>
        Assert.Equal(["a", "a"], CompositeAlarmEvaluator.FindCycle(new Dictionary<string, IReadOnlyCollection<string>> { ["a"] = ["a"] }));

    [Fact]
    public void FindCycle_DiamondWithoutLoop_ReturnsNull()
    {
        var refs = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["top"] = ["left", "right"],
            ["left"] = ["leaf"],
            ["right"] = ["leaf"],
            ["leaf"] = ["metric"],
        };

        Assert.Null(CompositeAlarmEvaluator.FindCycle(refs));
    }
}
