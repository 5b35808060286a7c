using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Public;

/// <summary>Aggregate figures per enterprise: counts and sums only.</summary>
public static class PublicSummary
{
    public sealed record Query : IRequest<IReadOnlyList<EnterpriseFigures>>;

    public sealed record EnterpriseFigures(int EnterpriseId, string Enterprise, int Tenders, int CompetitiveTenders, int SingleBidTenders,
        decimal EstimatedValue, int LeaseAuctions, int FailedAuctions, int Competitions, int OpenFlags);

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Query, IReadOnlyList<EnterpriseFigures>>
    {
        public async Task<IReadOnlyList<EnterpriseFigures>> Handle(Query request, CancellationToken cancellationToken)
        {
            var rows = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Enterprise).OrderBy(o => o.Name)
                .Select(o => new
                {
                    o.Id,
                    o.Name,
                    Tenders = db.Tenders.Count(t => t.EnterpriseId == o.Id),
                    Competitive = db.Tenders.Count(t => t.EnterpriseId == o.Id && (t.Method == ProcurementMethod.Open || t.Method == ProcurementMethod.Selective)),
                    SingleBid = db.Tenders.Count(t => t.EnterpriseId == o.Id && (t.Method == ProcurementMethod.Open || t.Method == ProcurementMethod.Selective)
                        && t.Bids.Select(b => b.TendererPartyId).Distinct().Count() == 1),
                    Estimated = db.Tenders.Where(t => t.EnterpriseId == o.Id).Sum(t => t.EstimatedValueMinor) ?? 0,
                    Auctions = db.LeaseAuctions.Count(a => a.EnterpriseId == o.Id),
                    Failed = db.LeaseAuctions.Count(a => a.EnterpriseId == o.Id && a.Status == AuctionStatus.Failed),
                    Competitions = db.Competitions.Count(c => c.EnterpriseId == o.Id),
                    OpenFlags = db.Flags.Count(f => f.EnterpriseId == o.Id && f.Status == FlagStatus.Open),
                })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new EnterpriseFigures(r.Id, r.Name, r.Tenders, r.Competitive, r.SingleBid, Money.FromMinor(r.Estimated),
                r.Auctions, r.Failed, r.Competitions, r.OpenFlags)).ToList();
        }
    }
}
