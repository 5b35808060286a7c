using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Tenders;

public static class ListBids
{
    public sealed record Query(int TenderId) : IRequest<IReadOnlyList<BidView>>;

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor) : IRequestHandler<Query, IReadOnlyList<BidView>>
    {
        public async Task<IReadOnlyList<BidView>> Handle(Query request, CancellationToken cancellationToken)
        {
            var deadline = await db.Tenders.Where(t => t.Id == request.TenderId).Select(t => new { t.TenderPeriodEnd, t.EnterpriseId }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Tender", request.TenderId);
            actor.EnsureCanRead(deadline.EnterpriseId, "Tender", request.TenderId);
            var sealedBids = TenderRules.IsSealed(deadline.TenderPeriodEnd, clock.GetUtcNow().UtcDateTime);
            var bids = await db.Bids.AsNoTracking().Include(b => b.Tenderer).Where(b => b.TenderId == request.TenderId).OrderBy(b => b.Id).ToListAsync(cancellationToken);
            return bids.Select(b => BidView.From(b, sealedBids)).ToList();
        }
    }
}
