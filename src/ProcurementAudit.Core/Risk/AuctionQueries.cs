using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
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

    /// <summary>
    /// Qualified bidders of each auction: participants marked qualified who placed at least one bid
    /// (the count the result rules of <see cref="Auctions.AuctionRules"/> use).
    /// </summary>
    public static async Task<Dictionary<int, int>> QualifiedBiddersAsync(AuditDbContext db, IReadOnlyCollection<int> auctionIds, CancellationToken ct)
    {
        var ids = auctionIds.ToArray();
        return await db.AuctionParticipants
            .Where(p => ids.Contains(p.AuctionId) && p.Qualified && db.AuctionBids.Any(b => b.ParticipantId == p.Id))
            .GroupBy(p => p.AuctionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
