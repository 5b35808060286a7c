namespace ProcurementAudit.Web.Endpoints;

internal static class AuctionEndpoints
{
    public static RouteGroupBuilder MapAuctions(this RouteGroupBuilder group)
    {
        return group;
    }
}
