using Dashboard.Core.Security;

namespace Dashboard.Core.Tests.Security;

public sealed class ActorTests
{
    private static Actor As(string name, params Role[] roles) => new(name, roles.ToHashSet(), "10.0.0.7");

    [Fact]
    public void Demand_RoleGrantsPermission_DoesNotThrow()
    {
        As("erin", Role.Engineer).Demand(Permission.EditAlarms);
        As("otto", Role.Operator).Demand(Permission.DecideCutover);
        As("ada", Role.Admin).Demand(Permission.ManageUsers);
    }

    [Theory]
    [InlineData(Role.Viewer, Permission.EditAlarms, "create, change or delete alarms")]
    [InlineData(Role.Engineer, Permission.ApplyTrafficChange, "apply traffic changes")]
    [InlineData(Role.Engineer, Permission.DecideCutover, "approve, reject or abort deployments or retraining runs")]
    [InlineData(Role.Operator, Permission.ManageUsers, "manage users and roles")]
    [InlineData(Role.Admin, Permission.EditAlarms, "create, change or delete alarms")]
    public void Demand_RoleLacksPermission_ThrowsNamingTheUserAndTheAction(Role role, Permission permission, string action)
    {
        var denied = Assert.Throws<AccessDeniedException>(() => As("vic", role).Demand(permission));
        Assert.Equal($"vic may not {action}.", denied.Message);
    }

    [Fact]
    public void Demand_NoRoles_ThrowsForEveryPermission()
    {
        var nobody = As("nobody");
        Assert.All(Enum.GetValues<Permission>(), p => Assert.Throws<AccessDeniedException>(() => nobody.Demand(p)));
    }

    [Theory]
    [InlineData("otto")]
    [InlineData("OTTO")]
    public void DemandNotRequester_SamePersonAnyCase_Throws(string requestedBy)
    {
        var denied = Assert.Throws<AccessDeniedException>(() => As("otto", Role.Operator).DemandNotRequester(requestedBy));
        Assert.Contains("another person must", denied.Message);
    }

    [Fact]
    public void DemandNotRequester_SomeoneElse_DoesNotThrow()
    {
        As("otto", Role.Operator).DemandNotRequester("erin");
    }

    [Fact]
    public void DemandNotProposer_OwnProposalAnyCase_ThrowsAndSaysWithdraw()
    {
        var denied = Assert.Throws<AccessDeniedException>(() => As("otto", Role.Operator).DemandNotProposer("OTTO", "retraining"));
        Assert.Equal("otto proposed this retraining; withdraw it instead of rejecting it.", denied.Message);
        As("otto", Role.Operator).DemandNotProposer("erin", "retraining");
    }

    [Fact]
    public void DemandProposer_SomeoneElsesProposal_ThrowsAndNamesTheProposer()
    {
        var denied = Assert.Throws<AccessDeniedException>(() => As("otto", Role.Operator).DemandProposer("erin", "deployment"));
        Assert.Equal("Only erin, who proposed this deployment, may withdraw it.", denied.Message);
        As("otto", Role.Operator).DemandProposer("Otto", "deployment");
    }
}
