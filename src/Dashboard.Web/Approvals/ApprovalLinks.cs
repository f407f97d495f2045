using Dashboard.Core.Approvals;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Navigation;

namespace Dashboard.Web.Approvals;

/// <summary>Where each kind of pending change is decided, and how it reads in a list.</summary>
public static class ApprovalLinks
{
    public const string Page = "/approvals";

    /// <summary>The place the change is decided: the endpoint page's card for it.</summary>
    public static string Url(PendingApproval approval) => approval.Kind switch
    {
        ApprovalKind.TrafficChange => DashboardUrls.Endpoint(approval.Endpoint) + "#traffic",
        ApprovalKind.Deployment => DashboardUrls.Deployment(approval.Id),
        ApprovalKind.Retraining => DashboardUrls.Retraining(approval.Id),
        _ => DashboardUrls.Endpoint(approval.Endpoint),
    };

    public static string Kind(ApprovalKind kind) => kind switch
    {
        ApprovalKind.TrafficChange => "Traffic change",
        ApprovalKind.Deployment => "Deployment",
        ApprovalKind.Retraining => "Retraining",
        _ => kind.ToString(),
    };

    /// <summary>"proposed by erin 12 min ago".</summary>
    public static string Proposed(PendingApproval approval, DateTimeOffset now) =>
        $"proposed by {approval.ProposedBy} {TimeText.Ago(now - approval.ProposedAt)}";
}
