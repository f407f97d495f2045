using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Input;
using Dashboard.Core.Live;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Alarms;

/// <summary>
/// The one way to change alarms: checks the actor's role, validates every field against CloudWatch's limits and the
/// stored data, then stores the change with its audit record. A refused change stores nothing.
/// </summary>
public sealed class AlarmService(IAlarmStore store, ICoverageQueries coverage, IAlarmMirror mirror, LiveStore live)
{
    /// <summary>Field errors of the alarm as it would be saved (empty when it can be saved).</summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(AlarmDefinition alarm, bool isNew, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var entries = await store.ListForEvaluationAsync(cancellationToken);
        var stored = new SeriesSources((await coverage.GetCoverageAsync(cancellationToken)).Keys);
        var others = entries.Where(e => e.Definition.Name != alarm.Name).Select(e => e.Definition).ToList();
        var context = new AlarmValidationContext(
            others.Select(a => a.Name).ToList(),
            others.Where(a => a.Kind == AlarmKind.Composite && a.AlarmRule is not null).ToDictionary(a => a.Name, a => a.AlarmRule!),
            stored);

        var errors = AlarmValidator.Validate(alarm, context).ToList();
        var exists = others.Count != entries.Count;
        if (isNew && exists)
        {
            errors.Add(new FieldError(nameof(AlarmDefinition.Name), $"An alarm named '{alarm.Name}' already exists."));
        }
        else if (isNew && others.FirstOrDefault(o => Names.LooksLike(o.Name, alarm.Name)) is { } twin)
        {
            errors.Add(new FieldError(nameof(AlarmDefinition.Name),
                $"'{alarm.Name}' reads the same as the alarm '{twin.Name}' (other case, or letters of another alphabet); choose a name that reads differently."));
        }
        else if (!isNew && !exists)
        {
            errors.Add(new FieldError(nameof(AlarmDefinition.Name), $"There is no alarm named '{alarm.Name}'; it may have been deleted."));
        }
        else if (!isNew)
        {
            // The name rule is for names being given: an alarm saved before a rule existed (or mirrored from CloudWatch)
            // stays editable under the name it has.
            errors.RemoveAll(e => e.Field == nameof(AlarmDefinition.Name));
        }
        return errors;
    }

    /// <exception cref="AccessDeniedException">The actor may not edit alarms.</exception>
    public async Task<IReadOnlyList<FieldError>> SaveAsync(Actor actor, AlarmDefinition alarm, bool isNew, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.EditAlarms);
        var errors = await ValidateAsync(alarm, isNew, cancellationToken);
        if (errors.Count > 0)
        {
            return errors;
        }
        try
        {
            if (isNew)
            {
                await store.CreateAsync(alarm, actor, cancellationToken);
            }
            else
            {
                await store.UpdateAsync(alarm, actor, cancellationToken);
            }
        }
        catch (AlarmConflictException ex)
        {
            // Someone else created or deleted the same alarm between validation and saving.
            return [new FieldError(nameof(AlarmDefinition.Name), ex.Message)];
        }
        live.PublishAlarms(alarm.Endpoint is { } endpoint ? [endpoint] : []);
        await mirror.SavedAsync(alarm, cancellationToken);
        return [];
    }

    /// <summary>The alarm's inputs the collector has not fetched yet (it starts once an alarm reads them).</summary>
    public async Task<IReadOnlyList<Metrics.SeriesKey>> UncollectedAsync(AlarmDefinition alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var stored = new SeriesSources((await coverage.GetCoverageAsync(cancellationToken)).Keys);
        return alarm.Inputs.Where(stored.AwaitsCollection).Distinct().ToList();
    }

    /// <exception cref="AccessDeniedException">The actor may not edit alarms.</exception>
    /// <exception cref="AlarmConflictException">The alarm does not exist, or a composite alarm uses it.</exception>
    public async Task DeleteAsync(Actor actor, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.EditAlarms);
        var entries = await store.ListForEvaluationAsync(cancellationToken);
        var alarm = entries.FirstOrDefault(e => e.Definition.Name == name)?.Definition
            ?? throw new AlarmConflictException($"There is no alarm named '{name}'; it may have been deleted already.");
        var parent = entries.FirstOrDefault(e => e.Definition.Kind == AlarmKind.Composite
            && AlarmRuleParser.References(e.Definition.AlarmRule ?? "").Contains(name, StringComparer.Ordinal));
        if (parent is not null)
        {
            throw new AlarmConflictException($"Composite alarm '{parent.Definition.Name}' uses '{name}'; change or delete it first.");
        }

        await store.DeleteAsync(name, actor, cancellationToken);
        live.PublishAlarms(alarm.Endpoint is { } endpoint ? [endpoint] : []);
        await mirror.DeletedAsync(alarm, cancellationToken);
    }
}
