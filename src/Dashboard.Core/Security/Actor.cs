namespace Dashboard.Core.Security;

/// <summary>
/// Who is acting, as the server established it (never as a page claims it): the user name, the roles the user holds
/// and the address the request came from. Every mutating service method takes one and calls <see cref="Demand"/>.
/// </summary>
public sealed record Actor(string UserName, IReadOnlySet<Role> Roles, string? RemoteAddress = null)
{
    /// <summary>The dashboard itself (alarm evaluation, collectors): recorded in the audit trail, never granted a permission.</summary>
    public static Actor System { get; } = new(Input.Names.SystemActor, new HashSet<Role>());

    public bool Can(Permission permission) => AccessPolicy.Allows(Roles, permission);

    /// <exception cref="AccessDeniedException">The actor does not hold a role that grants the permission.</exception>
    public void Demand(Permission permission)
    {
        if (!Can(permission))
            throw new AccessDeniedException($"{UserName} may not {Describe(permission)}.");
    }

    /// <summary>Four eyes: whoever asked for a change may not be the one who approves it.</summary>
    /// <exception cref="AccessDeniedException">The actor is the requester.</exception>
    public void DemandNotRequester(string requestedBy)
    {
        if (string.Equals(UserName, requestedBy, StringComparison.OrdinalIgnoreCase))
            throw new AccessDeniedException($"{UserName} asked for this change and may not approve it; another person must.");
    }

    /// <summary>A proposer withdraws their own proposal rather than rejecting it.</summary>
    public void DemandNotProposer(string proposedBy, string what)
    {
        if (string.Equals(UserName, proposedBy, StringComparison.OrdinalIgnoreCase))
            throw new AccessDeniedException($"{UserName} proposed this {what}; withdraw it instead of rejecting it.");
    }

    /// <summary>Only the proposer may withdraw a proposal.</summary>
    public void DemandProposer(string proposedBy, string what)
    {
        if (!string.Equals(UserName, proposedBy, StringComparison.OrdinalIgnoreCase))
            throw new AccessDeniedException($"Only {proposedBy}, who proposed this {what}, may withdraw it.");
    }

    private static string Describe(Permission permission) => permission switch
    {
        Permission.EditAlarms => "create, change or delete alarms",
        Permission.PinBaselines => "pin baselines",
        Permission.ProposeTrafficChange => "propose traffic changes, deployments or retraining runs",
        Permission.ApplyTrafficChange => "apply traffic changes",
        Permission.DecideCutover => "approve, reject or abort deployments or retraining runs",
        Permission.ManageUsers => "manage users and roles",
        Permission.ManageSettings => "change settings",
        Permission.VerifyAudit => "verify the audit trail",
        _ => permission.ToString(),
    };
}
