namespace ProcurementAudit.Web.Endpoints;

internal static class ApiEndpoints
{
    /// <summary>Each area is one endpoint group, so an authorization policy can be put on each.</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGroup("/enterprises").WithTags("Enterprises").MapEnterprises();
        api.MapGroup("/tenders").WithTags("Tenders").MapTenders();
        api.MapGroup("/auctions").WithTags("Lease auctions").MapAuctions();
        api.MapGroup("/competitions").WithTags("Director competitions").MapCompetitions();
        api.MapGroup("/imports").WithTags("Imports").MapImports();
        return app;
    }
}
