using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Web.Security;

/// <summary>The people one can sign in as on a Development machine without Entra ID: one of each role.</summary>
internal static class DemoUsers
{
    public sealed record DemoUser(string UserName, string DisplayName, string Role, string Description);

    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("admin", "Олена Адміністраторка", Roles.Administrator, "organisations, users' scopes, accreditations"),
        new("auditor", "Андрій Аудитор", Roles.Auditor, "reads everything, reviews flags, reports"),
        new("monitor", "Марта (ГО «Прозорі закупівлі»)", Roles.Monitor, "NGO monitor accredited for the first two enterprises"),
        new("officer", "Петро Закупівельник", Roles.ProcurementOfficer, "procurement officer of the first enterprise"),
        new("commission", "Ірина (член комісії)", Roles.CommissionMember, "commission member"),
    ];

    /// <summary>Gives the demo officer and monitor their scope over the first enterprises of the demo data.</summary>
    public static async Task GrantDemoScopesAsync(AuditDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.UserAccess.AnyAsync(ct)) return;
        var enterprises = await db.Organisations.Where(o => o.Kind == OrganisationKind.Enterprise).OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync(ct);
        if (enterprises.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        db.UserAccess.Add(new UserAccess { UserId = "officer", Kind = AccessKind.OfficerOfEnterprise, TargetId = enterprises[0], GrantedAt = now, GrantedBy = "demo" });
        foreach (var id in enterprises)
            db.UserAccess.Add(new UserAccess { UserId = "monitor", Kind = AccessKind.MonitorOfEnterprise, TargetId = id, GrantedAt = now, GrantedBy = "demo" });
        await db.SaveChangesAsync(ct);
    }
}
