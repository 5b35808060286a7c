using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace ProcurementAudit.Web.Security;

/// <summary>Entra ID sends app roles as "roles", dotnet user-jwts as "role": both become role claims.</summary>
internal sealed class RoleClaimsTransformation : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity identity || !identity.IsAuthenticated) return Task.FromResult(principal);
        var missing = principal.FindAll(c => c.Type is "roles" or "role")
            .Select(c => c.Value).Where(r => !principal.HasClaim(identity.RoleClaimType, r)).Distinct().ToList();
        foreach (var role in missing) identity.AddClaim(new Claim(identity.RoleClaimType, role));
        return Task.FromResult(principal);
    }
}
