using ProcurementAudit.Core.Common;

namespace ProcurementAudit.Web.Security;

/// <summary>Authorization policies; every endpoint names one (a test fails for an endpoint that does not).</summary>
internal static class Policies
{
    /// <summary>Any signed-in user of a known role; what they see is narrowed by scope in the handlers.</summary>
    public const string Reader = nameof(Reader);
    /// <summary>Logs and edits procedures (of their own enterprises, checked in the handlers).</summary>
    public const string Officer = nameof(Officer);
    /// <summary>Reviews flags, tunes indicators, reads the audit trail.</summary>
    public const string Auditor = nameof(Auditor);
    /// <summary>Comments on flags and files observations: monitors and auditors.</summary>
    public const string Observer = nameof(Observer);
    /// <summary>Organisations, users' scopes, accreditations.</summary>
    public const string Administrator = nameof(Administrator);

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        builder.AddPolicy(Reader, p => p.RequireAuthenticatedUser().RequireRole(Roles.All));
        builder.AddPolicy(Officer, p => p.RequireAuthenticatedUser().RequireRole(Roles.ProcurementOfficer));
        builder.AddPolicy(Auditor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Auditor));
        builder.AddPolicy(Observer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Monitor, Roles.Auditor));
        builder.AddPolicy(Administrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        // An endpoint that names no policy still needs a signed-in user.
        builder.SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}
