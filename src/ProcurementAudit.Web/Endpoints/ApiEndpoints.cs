using ProcurementAudit.Web.Security;

namespace ProcurementAudit.Web.Endpoints;

internal static class ApiEndpoints
{
    /// <summary>Each area is one endpoint group with its policy; writes add their own stricter policy.</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGroup("/enterprises").WithTags("Enterprises").RequireAuthorization(Policies.Reader).MapEnterprises();
        api.MapGroup("/tenders").WithTags("Tenders").RequireAuthorization(Policies.Reader).MapTenders();
        api.MapGroup("/auctions").WithTags("Lease auctions").RequireAuthorization(Policies.Reader).MapAuctions();
        api.MapGroup("/competitions").WithTags("Director competitions").RequireAuthorization(Policies.Reader).MapCompetitions();
        api.MapRiskEngine();
        api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(Policies.Reader).MapReports();
        // Importing OCDS logs tenders: procurement officers (the imported buyers need not be their enterprises).
        api.MapGroup("/imports").WithTags("Imports").RequireAuthorization(Policies.Officer).MapImports();
        api.MapGroup("/audit").WithTags("Audit trail").RequireAuthorization(Policies.Auditor).MapAuditTrail();
        api.MapGroup("/admin").WithTags("Administration").RequireAuthorization(Policies.Administrator).MapAdmin();
        api.MapGroup("/public").WithTags("Public").AllowAnonymous().RequireRateLimiting(PublicEndpoints.RateLimitPolicy).MapPublic();
        return app;
    }
}
