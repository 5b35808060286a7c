using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Web.Security;

/// <summary>
/// The signed-in user of the current request; outside a request (Hangfire jobs in this host) the system.
/// Roles come from the token; grants (scope) from the database, loaded once per request when first needed.
/// </summary>
internal sealed class HttpCurrentActor(IHttpContextAccessor accessor, IServiceProvider services) : ICurrentActor
{
    private IReadOnlyList<UserAccess>? grants;

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsSystem => accessor.HttpContext is null;

    public string Id => IsSystem ? "system" : UserId(User!) ?? "anonymous";

    public bool IsInRole(string role) => IsSystem || User!.IsInRole(role);

    public IReadOnlyList<UserAccess> Grants => grants ??= LoadGrants();

    private List<UserAccess> LoadGrants()
    {
        if (IsSystem || UserId(User!) is not { } id) return [];
        var db = services.GetRequiredService<AuditDbContext>();
        return db.UserAccess.AsNoTracking().Where(g => g.UserId == id).ToList();
    }

    /// <summary>Entra ID's object id, else the subject (dotnet user-jwts and local sign-in put the user name there).</summary>
    public static string? UserId(ClaimsPrincipal user) =>
        user.FindFirst("oid")?.Value
        ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
        ?? user.FindFirst("sub")?.Value
        ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
        ?? user.Identity?.Name;
}
