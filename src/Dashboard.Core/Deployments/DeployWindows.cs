using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Fleet;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Deployments;

/// <summary>
/// Whether a deployment may start or step now: with no window for an endpoint (by name or by one of its tags), always;
/// otherwise while any of its windows is open. Admins set windows; every change is audited.
/// </summary>
public sealed class DeployWindows(IDeployWindowStore store, IFleetStore fleet, ISageMakerClient sageMaker, TimeProvider timeProvider)
{
    public Task<IReadOnlyList<DeployWindow>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    /// <summary>Null when the endpoint may deploy now; otherwise why not, and until when ("… waits for Mon–Thu 09:00–16:00 Europe/Berlin, opening 2026-12-08 08:00 UTC").</summary>
    public async Task<string?> ClosedAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        var windows = await store.ListAsync(cancellationToken);
        if (windows.Count == 0)
        {
            return null;
        }
        var tags = windows.Any(w => w.Tag is not null) ? await TagsAsync(endpoint, cancellationToken) : [];
        if (tags is null)
        {
            // A tag's window might apply: wait rather than deploy outside it.
            return $"The tags of {endpoint} could not be read to check its deploy windows; it tries again in a moment.";
        }
        var applying = windows.Where(w => w.AppliesTo(endpoint, tags)).ToList();
        var now = timeProvider.GetUtcNow();
        if (applying.Count == 0 || applying.Any(w => w.IsOpen(now)))
        {
            return null;
        }
        var next = applying.Select(w => (Window: w, Opens: w.NextOpening(now))).MinBy(w => w.Opens);
        return $"Waits for the deploy window {next.Window.Describe()}; it opens at {next.Opens.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
    }

    /// <exception cref="AccessDeniedException">The actor may not change settings.</exception>
    public async Task<(DeployWindow? Window, IReadOnlyList<FieldError> Errors)> SaveAsync(Actor actor, DeployWindow window,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(window);
        actor.Demand(Permission.ManageSettings);
        var errors = window.Check();
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var stamped = window with { Scope = window.Scope.Trim(), SetBy = actor.UserName, SetAt = timeProvider.GetUtcNow() };
        return (await store.SaveAsync(stamped, actor, cancellationToken), []);
    }

    /// <exception cref="AccessDeniedException">The actor may not change settings.</exception>
    public Task DeleteAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ManageSettings);
        return store.DeleteAsync(id, actor, cancellationToken);
    }

    private async Task<IReadOnlyList<KeyValuePair<string, string>>?> TagsAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (await fleet.FindAsync(endpoint, cancellationToken) is not { } state)
        {
            return [];
        }
        try
        {
            var tags = await sageMaker.ListTagsAsync(new ListTagsRequest(state.Arn), cancellationToken);
            return (tags.Tags ?? []).Select(t => KeyValuePair.Create(t.Key, t.Value)).ToList();
        }
        catch (AwsServiceException)
        {
            return null;
        }
    }
}
