using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Collectors;
using Dashboard.Core.Traffic;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Traffic;

public sealed class TrafficServiceTests
{
    private const string Ab = "pricing-ab";

    private readonly FakeTimeProvider _time = new(CollectorTestData.Now);
    private readonly FakeTrafficChangeStore _store = new();
    private readonly FakeFleetStore _fleet = new();
    private readonly FakeSageMakerClient _sageMaker = new();
    private readonly TrafficService _service;

    private static readonly Actor Engineer = new("erin", new HashSet<Role> { Role.Engineer });
    private static readonly Actor Operator = new("oscar", new HashSet<Role> { Role.Operator });
    private static readonly Actor SecondOperator = new("olga", new HashSet<Role> { Role.Operator });

    private static readonly IReadOnlyList<VariantWeight> FiftyFifty = [new("VariantA", 0.5), new("VariantB", 0.5)];

    public TrafficServiceTests()
    {
        _fleet.Stored =
        [
            CollectorTestData.Endpoint(Ab, EndpointStatuses.InService,
                new VariantState("VariantA", "ml.c5.xlarge", 3, 3, 0.8, 0.8), new VariantState("VariantB", "ml.c5.xlarge", 1, 1, 0.2, 0.2)),
            CollectorTestData.Endpoint("image-moderation", EndpointStatuses.Updating),
        ];
        _service = new TrafficService(_store, _fleet, _sageMaker, new LiveStore(_time), _time, NullLogger<TrafficService>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Actor As(Role role) => new($"a-{role}".ToLowerInvariant(), new HashSet<Role> { role });

    private async Task<TrafficChange> ProposedAsync(Actor? by = null)
    {
        var result = await _service.ProposeAsync(by ?? Engineer, Ab, FiftyFifty, "B converts better", Ct);
        Assert.Empty(result.Errors);
        return result.Change!;
    }

    /// <summary>Each action and role, with the outcome the role matrix gives (written out, then checked against AccessPolicy).</summary>
    public static TheoryData<string, Role, bool> ActionsByRole() => new()
    {
        { "propose", Role.Viewer, false }, { "propose", Role.Engineer, true }, { "propose", Role.Operator, true }, { "propose", Role.Admin, false },
        { "approve", Role.Viewer, false }, { "approve", Role.Engineer, false }, { "approve", Role.Operator, true }, { "approve", Role.Admin, false },
        { "reject", Role.Viewer, false }, { "reject", Role.Engineer, false }, { "reject", Role.Operator, true }, { "reject", Role.Admin, false },
        { "withdraw", Role.Viewer, false }, { "withdraw", Role.Engineer, true }, { "withdraw", Role.Operator, true }, { "withdraw", Role.Admin, false },
    };

    [Theory]
    [MemberData(nameof(ActionsByRole))]
    public async Task Action_EachRole_AllowedOrRefusedAsThePolicySays(string action, Role role, bool allowed)
    {
        var permission = action is "propose" or "withdraw" ? Permission.ProposeTrafficChange : Permission.ApplyTrafficChange;
        Assert.Equal(allowed, AccessPolicy.Allows([role], permission));
        var actor = As(role);
        // Withdrawing is the proposer's own act: the proposal is the actor's when the role could have made it.
        var proposer = action == "withdraw" && actor.Can(Permission.ProposeTrafficChange) ? actor : Engineer;
        var change = action == "propose" ? null : await ProposedAsync(proposer);
        var auditBefore = _store.Audit.Count;

        Func<Task> act = action switch
        {
            "propose" => () => _service.ProposeAsync(actor, Ab, FiftyFifty, "why", Ct),
            "approve" => () => _service.ApproveAsync(actor, change!.Id, null, Ct),
            "reject" => () => _service.RejectAsync(actor, change!.Id, "no", Ct),
            _ => () => _service.WithdrawAsync(actor, change!.Id, null, Ct),
        };

        if (allowed)
        {
            await act();
            // An approval is recorded, then SageMaker's outcome of it.
            Assert.Equal(auditBefore + 1, _store.Audit.Count);
            Assert.Equal(actor.UserName, _store.Audit[^1].Actor.UserName);
        }
        else
        {
            await Assert.ThrowsAsync<AccessDeniedException>(act);
            Assert.Equal(auditBefore, _store.Audit.Count);
            Assert.Equal(change?.Status, _store.Changes.SingleOrDefault()?.Status);
            Assert.Empty(_sageMaker.Updates);
        }
    }

    [Fact]
    public async Task Approve_OwnProposal_RefusedFourEyesAndNothingChanges()
    {
        var change = await ProposedAsync(Operator);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => _service.ApproveAsync(Operator, change.Id, null, Ct));

        Assert.Contains("another person must", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_sageMaker.Updates);
        Assert.Equal(TrafficChangeStatus.Proposed, Assert.Single(_store.Changes).Status);
    }

    [Fact]
    public async Task Approve_OwnProposalWithDifferentCase_StillRefused()
    {
        var change = await ProposedAsync(new Actor("Oscar", new HashSet<Role> { Role.Operator }));

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.ApproveAsync(Operator, change.Id, null, Ct));
    }

    [Fact]
    public async Task Reject_OwnProposal_RefusedButWithdrawAllowed()
    {
        var change = await ProposedAsync(Operator);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.RejectAsync(Operator, change.Id, null, Ct));
        var withdrawn = await _service.WithdrawAsync(Operator, change.Id, "not needed", Ct);

        Assert.Equal(TrafficChangeStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(AuditActions.TrafficWithdraw, _store.Audit[^1].Event.Action);
    }

    [Fact]
    public async Task Withdraw_SomeoneElsesProposal_Refused()
    {
        var change = await ProposedAsync(Engineer);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.WithdrawAsync(Operator, change.Id, null, Ct));
        Assert.True(Assert.Single(_store.Changes).IsOpen);
    }

    [Fact]
    public async Task Approve_ByAnotherOperator_CallsSageMakerAndStaysApplyingUntilTheEndpointServesIt()
    {
        var change = await ProposedAsync();

        var approved = await _service.ApproveAsync(SecondOperator, change.Id, " looks good ", Ct);

        // SageMaker accepting the update is not the endpoint serving it: Applied and traffic.apply wait for that.
        Assert.Equal(TrafficChangeStatus.Applying, approved.Status);
        Assert.Equal("olga", approved.DecidedBy);
        Assert.Equal("looks good", approved.DecisionNote);
        Assert.Null(approved.AppliedAt);
        var update = Assert.Single(_sageMaker.Updates);
        Assert.Equal(Ab, update.EndpointName);
        Assert.Equal([new DesiredWeightAndCapacity("VariantA", 0.5f), new DesiredWeightAndCapacity("VariantB", 0.5f)], update.DesiredWeightsAndCapacities);
        Assert.Equal([AuditActions.TrafficPropose, AuditActions.TrafficApprove], _store.Audit.Select(a => a.Event.Action));
        Assert.Equal("olga", _store.Audit[1].Actor.UserName);

        _time.Advance(TimeSpan.FromSeconds(50));
        var settled = await _service.SettleAsync([AbEndpoint(EndpointStatuses.InService, 0.5, 0.5)], Ct);

        Assert.Equal(_time.GetUtcNow(), Assert.Single(settled).AppliedAt);
        Assert.Equal([AuditActions.TrafficPropose, AuditActions.TrafficApprove, AuditActions.TrafficApply], _store.Audit.Select(a => a.Event.Action));
        var audit = _store.Audit[1].Event;
        Assert.Equal(Ab, audit.Endpoint);
        Assert.Equal("""{"weights":{"VariantA":0.8,"VariantB":0.2}}""", audit.Before);
        Assert.Equal("""{"weights":{"VariantA":0.5,"VariantB":0.5},"reason":"B converts better","note":"looks good"}""", audit.After);
    }

    [Fact]
    public async Task Approve_TwiceOrAfterReject_ConflictAndOneSageMakerCall()
    {
        var change = await ProposedAsync();
        await _service.ApproveAsync(SecondOperator, change.Id, null, Ct);

        await Assert.ThrowsAsync<TrafficConflictException>(() => _service.ApproveAsync(Operator, change.Id, null, Ct));
        await Assert.ThrowsAsync<TrafficConflictException>(() => _service.RejectAsync(Operator, change.Id, null, Ct));
        await Assert.ThrowsAsync<TrafficConflictException>(() => _service.ApproveAsync(Operator, 999, null, Ct));
        Assert.Single(_sageMaker.Updates);
    }

    [Theory]
    [InlineData("ThrottlingException", 400, "throttling")]
    [InlineData("ServiceUnavailable", 503, "internal error (HTTP 503")]
    [InlineData("ValidationException", 400, "SageMaker refused the update (ValidationException): The variant name(s) [VariantB] is/are not present")]
    public async Task Approve_SageMakerFails_StoredFailedWithAPlainMessage(string code, int status, string expected)
    {
        var change = await ProposedAsync();
        _sageMaker.Failure = new AwsServiceException("SageMaker", code, "The variant name(s) [VariantB] is/are not present", status, "req-1");

        var failed = await _service.ApproveAsync(SecondOperator, change.Id, null, Ct);

        Assert.Equal(TrafficChangeStatus.Failed, failed.Status);
        Assert.Contains(expected, failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.AppliedAt);
        Assert.Equal(failed, Assert.Single(_store.Changes));
        Assert.Equal([AuditActions.TrafficPropose, AuditActions.TrafficApprove, AuditActions.TrafficFail], _store.Audit.Select(a => a.Event.Action));
        Assert.Contains(expected, _store.Audit[^1].Event.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RequestTimeout", "timed out")]
    [InlineData("NetworkError", "connection reset")]
    [InlineData("ValidationException", "Cannot update in-progress endpoint \"arn\".")] // a retry of a request SageMaker had accepted
    public async Task Approve_AnswerLost_ApprovalRecordedAndStaysApplying(string code, string message)
    {
        var change = await ProposedAsync();
        _sageMaker.Failure = new AwsServiceException("SageMaker", code, message, 0, "req-1");

        var approved = await _service.ApproveAsync(SecondOperator, change.Id, null, Ct);

        Assert.Equal(TrafficChangeStatus.Applying, approved.Status);
        Assert.Equal("olga", approved.DecidedBy);
        Assert.True(Assert.Single(_store.Changes).IsOpen);
        Assert.Equal(AuditActions.TrafficApprove, _store.Audit[^1].Event.Action);
        // Nobody can decide it again, nor propose another change over it.
        var again = await Assert.ThrowsAsync<TrafficConflictException>(() => _service.RejectAsync(Operator, change.Id, null, Ct));
        Assert.Equal($"Traffic change #{change.Id} was already approved by olga and is being applied.", again.Message);
        var other = await _service.ProposeAsync(Operator, Ab, [new("VariantA", 1), new("VariantB", 3)], "other", Ct);
        Assert.Equal(TrafficService.EndpointField, Assert.Single(other.Errors).Field);
    }

    [Fact]
    public async Task Settle_EndpointShowsTheNewWeights_AppliedByTheDashboard()
    {
        var change = await ApplyingAsync();

        await _service.SettleAsync([AbEndpoint(EndpointStatuses.Updating, 0.8, 0.2)], Ct);
        Assert.Equal(TrafficChangeStatus.Applying, Assert.Single(_store.Changes).Status);
        _time.Advance(TimeSpan.FromSeconds(40));
        await _service.SettleAsync([AbEndpoint(EndpointStatuses.InService, 0.5, 0.5)], Ct);

        var applied = Assert.Single(_store.Changes);
        Assert.Equal(TrafficChangeStatus.Applied, applied.Status);
        Assert.Equal(_time.GetUtcNow(), applied.AppliedAt);
        Assert.Equal("olga", applied.DecidedBy);
        Assert.Equal((Actor.System.UserName, AuditActions.TrafficApply), (_store.Audit[^1].Actor.UserName, _store.Audit[^1].Event.Action));
        Assert.Equal(change.Id, applied.Id);
    }

    [Fact]
    public async Task Settle_EndpointKeepsTheOldWeights_FailedOnlyOnceInServiceForSettleAfter()
    {
        await ApplyingAsync();
        var old = AbEndpoint(EndpointStatuses.InService, 0.8, 0.2);

        _time.Advance(TrafficService.SettleAfter - TimeSpan.FromSeconds(1));
        await _service.SettleAsync([old], Ct);
        Assert.Equal(TrafficChangeStatus.Applying, Assert.Single(_store.Changes).Status);
        _time.Advance(TimeSpan.FromMinutes(10));
        await _service.SettleAsync([AbEndpoint(EndpointStatuses.Updating, 0.8, 0.2)], Ct);
        Assert.Equal(TrafficChangeStatus.Applying, Assert.Single(_store.Changes).Status);
        await _service.SettleAsync([old], Ct);

        var failed = Assert.Single(_store.Changes);
        Assert.Equal(TrafficChangeStatus.Failed, failed.Status);
        Assert.Equal("The endpoint kept serving VariantA 80 % · VariantB 20 %: SageMaker did not apply the new weights.", failed.Error);
        Assert.Equal(AuditActions.TrafficFail, _store.Audit[^1].Event.Action);
        // Settled is settled: the next round changes nothing.
        await _service.SettleAsync([AbEndpoint(EndpointStatuses.InService, 0.5, 0.5)], Ct);
        Assert.Equal(TrafficChangeStatus.Failed, Assert.Single(_store.Changes).Status);
    }

    [Fact]
    public async Task Settle_EndpointGoneFromTheFleet_FailedAfterSettleAfter()
    {
        await ApplyingAsync();
        var others = new[] { CollectorTestData.Endpoint("image-moderation", EndpointStatuses.InService) };

        await _service.SettleAsync(others, Ct);
        Assert.Equal(TrafficChangeStatus.Applying, Assert.Single(_store.Changes).Status);
        _time.Advance(TrafficService.SettleAfter);
        await _service.SettleAsync(others, Ct);

        var failed = Assert.Single(_store.Changes);
        Assert.Equal(TrafficChangeStatus.Failed, failed.Status);
        Assert.Equal("pricing-ab is no longer in the fleet.", failed.Error);
    }

    [Fact]
    public async Task Approve_RefusalCannotBeStored_StaysApplyingAndIsSettledFromTheEndpoint()
    {
        var change = await ProposedAsync();
        _sageMaker.Failure = new AwsServiceException("SageMaker", "ValidationException", "The variant name(s) [VariantB] is/are not present", 400, "req-1");
        _store.FailNextMove = (TrafficChangeStatus.Applying, new InvalidOperationException("database is locked"));

        var approved = await _service.ApproveAsync(SecondOperator, change.Id, null, Ct);

        Assert.Equal(TrafficChangeStatus.Applying, approved.Status);
        Assert.Single(_sageMaker.Updates);
        _time.Advance(TrafficService.SettleAfter);
        await _service.SettleAsync([AbEndpoint(EndpointStatuses.InService, 0.8, 0.2)], Ct);
        Assert.Equal(TrafficChangeStatus.Failed, Assert.Single(_store.Changes).Status);
        Assert.Equal([AuditActions.TrafficPropose, AuditActions.TrafficApprove, AuditActions.TrafficFail], _store.Audit.Select(a => a.Event.Action));
    }

    [Fact]
    public async Task Approve_ApprovalCannotBeStored_SageMakerNotCalled()
    {
        var change = await ProposedAsync();
        _store.FailNextMove = (TrafficChangeStatus.Proposed, new InvalidOperationException("disk full"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _service.ApproveAsync(SecondOperator, change.Id, null, Ct));

        Assert.Empty(_sageMaker.Updates);
        Assert.Equal(TrafficChangeStatus.Proposed, Assert.Single(_store.Changes).Status);
    }

    /// <summary>A change approved by olga whose SageMaker answer was lost.</summary>
    private async Task<TrafficChange> ApplyingAsync()
    {
        var change = await ProposedAsync();
        _sageMaker.Failure = new AwsServiceException("SageMaker", "RequestTimeout", "timed out", 0, "req-1");
        var approved = await _service.ApproveAsync(SecondOperator, change.Id, null, Ct);
        Assert.Equal(TrafficChangeStatus.Applying, approved.Status);
        return approved;
    }

    private static EndpointState AbEndpoint(string status, double a, double b) => CollectorTestData.Endpoint(Ab, status,
        new VariantState("VariantA", "ml.c5.xlarge", 3, 3, a, a), new VariantState("VariantB", "ml.c5.xlarge", 1, 1, b, b));

    [Fact]
    public async Task Propose_Valid_StoresWithCurrentWeightsAsBefore()
    {
        _time.Advance(TimeSpan.FromMinutes(1));

        var change = await ProposedAsync();

        Assert.Equal(TrafficChangeStatus.Proposed, change.Status);
        Assert.Equal([new VariantWeight("VariantA", 0.8), new VariantWeight("VariantB", 0.2)], change.Before);
        Assert.Equal(FiftyFifty, change.Weights);
        Assert.Equal("erin", change.ProposedBy);
        Assert.Equal(_time.GetUtcNow(), change.ProposedAt);
        Assert.Equal(AuditActions.TrafficPropose, Assert.Single(_store.Audit).Event.Action);
    }

    public static TheoryData<string, VariantWeight[], string?, string, string> InvalidProposals() => new()
    {
        { Ab, [new("VariantA", 0.5), new("VariantC", 0.5)], "r", "Weights", "no variant named 'VariantC'" },
        { Ab, [new("VariantA", 1)], "r", "Weights", "missing: VariantB" },
        { Ab, [new("VariantA", 1), new("VariantA", 2), new("VariantB", 1)], "r", "Weights", "more than once" },
        { Ab, [new("VariantA", -0.1), new("VariantB", 1)], "r", "Weights.VariantA", "Too small: enter a number from 0 to 1,000,000." },
        { Ab, [new("VariantA", double.NaN), new("VariantB", 1)], "r", "Weights.VariantA", "Not a number: enter a number from 0 to 1,000,000." },
        { Ab, [new("VariantA", double.PositiveInfinity), new("VariantB", 1)], "r", "Weights.VariantA", "Too large: enter a number from 0 to 1,000,000." },
        { Ab, [new("VariantA", 0.5), new("VariantB", double.NegativeInfinity)], "r", "Weights.VariantB", "Too small: enter a number from 0 to 1,000,000." },
        { Ab, [new("VariantA", double.MaxValue), new("VariantB", 1)], "r", "Weights.VariantA", "Too large: enter a number from 0 to 1,000,000." },
        { Ab, [new("VariantA", 1e39), new("VariantB", 1)], "r", "Weights.VariantA", "Too large: enter a number from 0 to 1,000,000." },
        { Ab, [new("VariantA", 1_000_000.5), new("VariantB", 1)], "r", "Weights.VariantA", "Too large: enter a number from 0 to 1,000,000." },
        { Ab, [new("VariantA", 1e-7), new("VariantB", 1)], "r", "Weights.VariantA", "Use at most 6 decimal places: enter a number from 0 to 1,000,000." },
        { Ab, [new("VariantA", double.Epsilon), new("VariantB", 1)], "r", "Weights.VariantA", "Too close to 0 to be kept exactly: enter a number from 0 to 1,000,000." },
        { "nope", [new("AllTraffic", double.NaN)], "r", "Endpoint", "no endpoint named 'nope'" },
        { Ab, [new("VariantA", 0), new("VariantB", 0)], "r", "Weights", "no traffic" },
        { Ab, [new("VariantA", 0.8), new("VariantB", 0.2)], "r", "Weights", "current weights" },
        { Ab, [new("VariantA", 0.5), new("VariantB", 0.5)], "  ", "Reason", "Say why" },
        { Ab, [new("VariantA", 0.5), new("VariantB", 0.5)], null, "Reason", "Say why" },
        { Ab, [new("VariantA", 0.5), new("VariantB", 0.5)], new string('x', 501), "Reason", "under 500" },
        { "nope", [new("AllTraffic", 1)], "r", "Endpoint", "no endpoint named 'nope'" },
        { "image-moderation", [new("AllTraffic", 2)], "r", "Endpoint", "is Updating" },
    };

    [Theory]
    [MemberData(nameof(InvalidProposals))]
    public async Task Propose_Invalid_ErrorAtTheFieldAndNothingStored(string endpoint, VariantWeight[] weights, string? reason, string field,
        string message)
    {
        var result = await _service.ProposeAsync(Engineer, endpoint, weights, reason, Ct);

        Assert.Null(result.Change);
        var error = Assert.Single(result.Errors, e => e.Field == field);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Changes);
        Assert.Empty(_store.Audit);
    }

    [Fact]
    public async Task Propose_SecondWhileOneIsOpen_EndpointErrorUntilDecided()
    {
        var first = await ProposedAsync();

        var second = await _service.ProposeAsync(Operator, Ab, [new("VariantA", 1), new("VariantB", 3)], "other", Ct);
        Assert.Equal(TrafficService.EndpointField, Assert.Single(second.Errors).Field);
        Assert.Contains("erin proposed a change", second.Errors[0].Message, StringComparison.Ordinal);

        await _service.RejectAsync(Operator, first.Id, "not now", Ct);
        var third = await _service.ProposeAsync(Operator, Ab, [new("VariantA", 1), new("VariantB", 3)], "other", Ct);
        Assert.Empty(third.Errors);
        Assert.Equal(2, _store.Changes.Count);
    }

    [Fact]
    public async Task Reject_ByOperator_StoredWithNoteAndNoSageMakerCall()
    {
        var change = await ProposedAsync();

        var rejected = await _service.RejectAsync(Operator, change.Id, "wait for Monday", Ct);

        Assert.Equal(TrafficChangeStatus.Rejected, rejected.Status);
        Assert.Equal("wait for Monday", rejected.DecisionNote);
        Assert.Empty(_sageMaker.Updates);
        Assert.Equal(AuditActions.TrafficReject, _store.Audit[^1].Event.Action);
    }

    [Fact]
    public void Shares_AreWeightOverTotalInPercent()
    {
        Assert.Equal<double?>([80.0, 20.0], TrafficChange.Shares([new("A", 4), new("B", 1)]));
        Assert.Equal<double?>([0.0, 0.0], TrafficChange.Shares([new("A", 0), new("B", 0)]));
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-1)]
    [InlineData(double.MaxValue)] // with another weight, the total overflows
    public void Shares_AWeightNotFiniteOrNegative_Unknown(double weight)
    {
        Assert.Equal<double?>([null, null], TrafficChange.Shares([new("A", weight), new("B", double.MaxValue)]));
        Assert.Equal("A weight " + TrafficChange.WeightText(weight) + " · B weight 1.798e308 (shares unknown)",
            TrafficService.Split([new("A", weight), new("B", double.MaxValue)]));
    }

    [Fact]
    public void Split_InfiniteWeight_SaidInWordsNotNaN() =>
        Assert.Equal("VariantA weight infinite · VariantB weight 0.2 (shares unknown)",
            TrafficService.Split([new("VariantA", double.PositiveInfinity), new("VariantB", 0.2)]));

    /// <summary>Finding 2: 1e309 typed in the old field became double.MaxValue, was accepted, and went to SageMaker as an infinite float.</summary>
    [Fact]
    public async Task Propose_WeightThatOverflowsAFloat_RefusedAtTheVariantAndNothingStoredOrSent()
    {
        var result = await _service.ProposeAsync(Engineer, Ab, [new("VariantA", double.MaxValue), new("VariantB", 0.2)], "why", Ct);

        Assert.Null(result.Change);
        Assert.Equal([new FieldError("Weights.VariantA", "Too large: enter a number from 0 to 1,000,000.")], result.Errors);
        Assert.Empty(_store.Changes);
        Assert.Empty(_store.Audit);
        Assert.Empty(_sageMaker.Updates);
    }

    [Fact]
    public async Task Approve_StoredProposalWithAnAbsurdWeight_RefusedBeforeAnythingIsStoredOrSent()
    {
        // Stored by the old code, which took 1.8e308.
        var old = await _store.AddAsync(new TrafficChange(0, Ab, [new("VariantA", double.MaxValue), new("VariantB", 0.2)],
            [new("VariantA", 0.8), new("VariantB", 0.2)], "old", TrafficChangeStatus.Proposed, "erin", _time.GetUtcNow()), Engineer, Ct);
        var auditBefore = _store.Audit.Count;

        var ex = await Assert.ThrowsAsync<TrafficConflictException>(() => _service.ApproveAsync(Operator, old.Id, null, Ct));

        Assert.Equal($"Traffic change #{old.Id} can't be applied: the weight of VariantA (1.798e308) is not a number from 0 to 1,000,000. "
            + "Reject it and propose new weights.", ex.Message);
        Assert.Equal(TrafficChangeStatus.Proposed, _store.Changes.Single().Status);
        Assert.Equal(auditBefore, _store.Audit.Count);
        Assert.Empty(_sageMaker.Updates);
    }

    /// <summary>Finding 2: once an endpoint carried an infinite weight, every proposal on it threw while being recorded.</summary>
    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public async Task Propose_EndpointCarriesANonFiniteWeight_SaneWeightsStoredWithTheOldOnesAsBefore(double current)
    {
        _fleet.Stored = [AbEndpoint(EndpointStatuses.InService, current, 0.2)];

        var result = await _service.ProposeAsync(Engineer, Ab, FiftyFifty, "put it right", Ct);

        Assert.Empty(result.Errors);
        Assert.Equal(current, result.Change!.Before[0].Weight);
        var audit = Assert.Single(_store.Audit).Event;
        Assert.Equal($$$"""{"weights":{"VariantA":"{{{current.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}","VariantB":0.2}}""", audit.Before);
        Assert.Equal(FiftyFifty, TrafficAudit.Deserialize(TrafficAudit.Serialize(result.Change.Weights)));
        Assert.Equal(current, TrafficAudit.Deserialize(TrafficAudit.Serialize(result.Change.Before))[0].Weight);

        var applied = await _service.ApproveAsync(Operator, result.Change.Id, null, Ct);

        Assert.Equal(TrafficChangeStatus.Applying, applied.Status);
        Assert.Equal([("VariantA", 0.5f), ("VariantB", 0.5f)],
            Assert.Single(_sageMaker.Updates).DesiredWeightsAndCapacities.Select(d => (d.VariantName, d.DesiredWeight!.Value)));
    }
}
