using Dashboard.Core.Security;

namespace Dashboard.Core.Tests.Security;

public sealed class AccessPolicyTests
{
    /// <summary>The role matrix, written out independently of <see cref="AccessPolicy"/>: every role × permission.</summary>
    public static TheoryData<Role, Permission, bool> Matrix()
    {
        var granted = new Dictionary<Role, Permission[]>
        {
            [Role.Viewer] = [],
            [Role.Engineer] = [Permission.EditAlarms, Permission.PinBaselines, Permission.ProposeTrafficChange],
            [Role.Operator] = [Permission.EditAlarms, Permission.PinBaselines, Permission.ProposeTrafficChange, Permission.ApplyTrafficChange, Permission.DecideCutover],
            [Role.Admin] = [Permission.ManageUsers, Permission.ManageSettings, Permission.VerifyAudit],
        };
        var data = new TheoryData<Role, Permission, bool>();
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                data.Add(role, permission, granted[role].Contains(permission));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Allows_EachRoleAndPermission_MatchesTheMatrix(Role role, Permission permission, bool expected)
    {
        Assert.Equal(expected, AccessPolicy.Allows([role], permission));
        Assert.Equal(expected, AccessPolicy.PermissionsOf(role).Contains(permission));
        Assert.Equal(expected, new Actor("someone", new HashSet<Role> { role }).Can(permission));
    }

    [Fact]
    public void Allows_NoRoles_GrantsNothing()
    {
        Assert.All(Enum.GetValues<Permission>(), p => Assert.False(AccessPolicy.Allows([], p)));
    }

    [Fact]
    public void Allows_SeveralRoles_GrantsTheUnion()
    {
        var operatorAndAdmin = new[] { Role.Operator, Role.Admin };
        Assert.True(AccessPolicy.Allows(operatorAndAdmin, Permission.DecideCutover));
        Assert.True(AccessPolicy.Allows(operatorAndAdmin, Permission.ManageUsers));
        Assert.False(AccessPolicy.Allows([Role.Viewer, Role.Engineer], Permission.ApplyTrafficChange));
    }

    [Fact]
    public void SystemActor_IsGrantedNothing()
    {
        Assert.All(Enum.GetValues<Permission>(), p => Assert.False(Actor.System.Can(p)));
    }
}
