namespace ProcurementAudit.Web.Endpoints;

internal static class CompetitionEndpoints
{
    public static RouteGroupBuilder MapCompetitions(this RouteGroupBuilder group)
    {
        return group;
    }
}
