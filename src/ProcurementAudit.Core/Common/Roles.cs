namespace ProcurementAudit.Core.Common;

/// <summary>The app roles of the Entra ID registration (and of local demo users).</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string Auditor = nameof(Auditor);
    public const string Monitor = nameof(Monitor);
    public const string ProcurementOfficer = nameof(ProcurementOfficer);
    public const string CommissionMember = nameof(CommissionMember);

    public static readonly IReadOnlyList<string> All = [Administrator, Auditor, Monitor, ProcurementOfficer, CommissionMember];
}
