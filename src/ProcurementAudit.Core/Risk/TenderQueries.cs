using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>Scope filters shared by the tender indicators; they translate on SQLite and SQL Server alike.</summary>
internal static class TenderQueries
{
    /// <summary>Tenders the run judges: the listed ones, or every tender of the admitted enterprises.</summary>
    public static IQueryable<Tender> InScope(this IQueryable<Tender> tenders, ScanScope scope)
    {
        if (scope.ProcedureIds is { } ids)
        {
            var idList = ids.ToArray();
            return tenders.Where(t => idList.Contains(t.Id));
        }
        return tenders.InEnterpriseScope(scope);
    }

    /// <summary>Only the enterprise filter: a targeted run reads whole groups (a buyer's year, a supplier's awards).</summary>
    public static IQueryable<Tender> InEnterpriseScope(this IQueryable<Tender> tenders, ScanScope scope)
    {
        if (scope.OnlyEnterprises is { } only)
        {
            var onlyList = only.ToArray();
            tenders = tenders.Where(t => t.EnterpriseId != null && EF.Parameter(onlyList).Contains(t.EnterpriseId.Value));
        }
        if (scope.ExceptEnterprises is { Count: > 0 } except)
        {
            var exceptList = except.ToArray();
            tenders = tenders.Where(t => t.EnterpriseId == null || !EF.Parameter(exceptList).Contains(t.EnterpriseId.Value));
        }
        return tenders;
    }

    /// <summary>
    /// The buyer of a tender as one number: the member enterprise, else minus the buyer party (imported tenders),
    /// else 0 (unknown; such tenders are left out of buyer-level indicators).
    /// </summary>
    public static int BuyerKey(int? enterpriseId, int? buyerPartyId) => enterpriseId ?? -(buyerPartyId ?? 0);

    public static string PartyList(IEnumerable<int> ids) => string.Join(",", ids.Distinct().Order());
}
