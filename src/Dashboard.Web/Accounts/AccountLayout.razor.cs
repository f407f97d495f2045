namespace Dashboard.Web.Accounts;

/// <summary>
/// The frame of the pages a person sees before (or instead of) the dashboard: sign-in, first-run setup, access denied.
/// They are rendered on the server without a circuit, so their forms are plain posts with antiforgery tokens.
/// </summary>
public partial class AccountLayout;
