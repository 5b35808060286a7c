using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk;

/// <summary>Scope filters and shared reads of the lease-auction (L-*) indicators; they translate on SQLite and SQL Server alike.</summary>
internal static class AuctionQueries
{
    /// <summary>Auctions the run judges: the listed ones, or every auction of the admitted enterprises.</summary>
    public static IQueryable<LeaseAuction> InScope(this IQueryable<LeaseAuction> auctions, ScanScope scope)
    {
        if (scope.ProcedureIds is { } ids)
        {
            var idList = ids.ToArray();
            return auctions.Where(a => idList.Contains(a.Id));
        }
        return auctions.InEnterpriseScope(scope);
    }

    public static IQueryable<LeaseAuction> InEnterpriseScope(this IQueryable<LeaseAuction> auctions, ScanScope scope)
    {
        if (scope.OnlyEnterprises is { } only)
        {
            var onlyList = only.ToArray();
            auctions = auctions.Where(a => onlyList.Contains(a.EnterpriseId));
        }
        if (scope.ExceptEnterprises is { Count: > 0 } except)
        {
            var exceptList = except.ToArray();
            auctions = auctions.Where(a => !exceptList.Contains(a.EnterpriseId));
        }
        return auctions;
    }
}
