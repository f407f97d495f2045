using Dashboard.Core.Charts;
using Dashboard.Core.Deployments;
using static Dashboard.Core.Tests.DeploymentNotices.DeploymentSamples;

namespace Dashboard.Core.Tests.Charts;

public sealed class DeploymentMarksTests
{
    [Fact]
    public void For_RolledBackCanary_StartEachStepAndTheOutcome()
    {
        var marks = DeploymentMarks.For(Finished(DeploymentStatus.RolledBack, "alarm"));

        Assert.Equal(["#3 started, canary (blue/green)", "#3 canary, 30 %", "#3 rolled back"], marks.Select(m => m.Label));
        Assert.Equal([Start.AddMinutes(5), StepStart(1), Start.AddMinutes(30)], marks.Select(m => m.Time));
        Assert.Equal([DeploymentMarkKind.Start, DeploymentMarkKind.Step, DeploymentMarkKind.Failed], marks.Select(m => m.Kind));
    }

    [Fact]
    public void For_Running_NoEndYet()
    {
        var marks = DeploymentMarks.For(Deploying(2));

        Assert.Equal(["#3 started, canary (blue/green)", "#3 canary, 30 %", "#3 all traffic on the new fleet, baking"], marks.Select(m => m.Label));
    }

    [Fact]
    public void For_StepsFilledInAtTheEnd_AreNoBoundaries()
    {
        var finished = Finished(DeploymentStatus.Succeeded, "done");
        var succeeded = finished with { Steps = finished.Steps.Select(s => s with { State = StepState.Done, StartedAt = s.StartedAt ?? finished.FinishedAt }).ToList() };

        var marks = DeploymentMarks.For(succeeded);

        Assert.Equal(["#3 started, canary (blue/green)", "#3 canary, 30 %", "#3 succeeded"], marks.Select(m => m.Label));
        Assert.Equal(DeploymentMarkKind.Succeeded, marks[^1].Kind);
    }

    [Fact]
    public void For_StartedOutside_SaysSo()
    {
        Assert.Equal("#3 started outside the dashboard", DeploymentMarks.For(Deploying(1) with { StartedOutside = true })[0].Label);
    }

    [Theory]
    [InlineData(DeploymentStatus.Proposed)]
    [InlineData(DeploymentStatus.Withdrawn)]
    public void For_NeverReachedTheEndpoint_NoMarks(DeploymentStatus status)
    {
        Assert.Empty(DeploymentMarks.For(Proposed() with { Status = status }));
    }

    [Fact]
    public void Within_KeepsTheRangesMarksOldestFirst()
    {
        var marks = DeploymentMarks.Within([Deploying(2, id: 4), Finished(DeploymentStatus.Succeeded, "done", id: 3)], StepStart(1), Start.AddHours(1));

        Assert.Equal(["#3 canary, 30 %", "#4 canary, 30 %", "#4 all traffic on the new fleet, baking", "#3 succeeded"], marks.Select(m => m.Label));
    }
}
