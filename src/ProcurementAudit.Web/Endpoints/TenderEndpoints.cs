namespace ProcurementAudit.Web.Endpoints;

internal static class TenderEndpoints
{
    public static RouteGroupBuilder MapTenders(this RouteGroupBuilder group)
    {
        return group;
    }
}
