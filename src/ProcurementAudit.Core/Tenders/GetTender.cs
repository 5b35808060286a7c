using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tenders;

public static class GetTender
{
    public sealed record Query(int Id) : IRequest<TenderDetails>;

    public sealed record TenderDetails(int Id, string? Ocid, int? EnterpriseId, string? EnterpriseName, string Title, string? Description,
        ProcurementMethod Method, string? MethodDetails, ProcurementCategory Category, TenderStatus Status, decimal? EstimatedValue, string Currency,
        DateTime? TenderPeriodStart, DateTime? TenderPeriodEnd, bool BidsSealed, DateTime? CancelledAt, string? CancellationReason,
        string? CreatedBy, int Version, IReadOnlyList<LotView> Lots, IReadOnlyList<ItemView> Items, IReadOnlyList<BidView> Bids,
        IReadOnlyList<AwardView> Awards, IReadOnlyList<ContractView> Contracts);

    public sealed record LotView(int Id, string LotNumber, string Title, decimal? Value);
    public sealed record ItemView(int Id, int? LotId, string Description, string? CpvCode, decimal? Quantity, string? Unit);
    public sealed record AwardView(int Id, int? LotId, PartyView Supplier, int? BidId, decimal? Value, string Currency, AwardStatus Status, DateTime? Date);
    public sealed record ContractView(int Id, int? AwardId, string ContractNumber, decimal? Value, string Currency, DateTime? SignedAt,
        ContractStatus Status, IReadOnlyList<AmendmentView> Amendments);
    public sealed record AmendmentView(int Id, DateTime Date, string Rationale, decimal? NewValue);

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor) : IRequestHandler<Query, TenderDetails>
    {
        public async Task<TenderDetails> Handle(Query request, CancellationToken cancellationToken)
        {
            var t = await db.Tenders.AsNoTracking().AsSplitQuery()
                .Include(x => x.Enterprise)
                .Include(x => x.Lots).Include(x => x.Items)
                .Include(x => x.Bids).ThenInclude(b => b.Tenderer)
                .Include(x => x.Awards).ThenInclude(a => a.Supplier)
                .Include(x => x.Contracts).ThenInclude(c => c.Amendments)
                .SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Tender", request.Id);
            actor.EnsureCanRead(t.EnterpriseId, "Tender", t.Id);

            var sealedBids = TenderRules.IsSealed(t.TenderPeriodEnd, clock.GetUtcNow().UtcDateTime);
            return new TenderDetails(t.Id, t.Ocid, t.EnterpriseId, t.Enterprise?.Name, t.Title, t.Description, t.Method, t.MethodDetails,
                t.Category, t.Status, Major(t.EstimatedValueMinor), t.Currency, t.TenderPeriodStart, t.TenderPeriodEnd, sealedBids,
                t.CancelledAt, t.CancellationReason, t.CreatedBy, t.Version,
                t.Lots.OrderBy(l => l.Id).Select(l => new LotView(l.Id, l.LotNumber, l.Title, Major(l.ValueMinor))).ToList(),
                t.Items.OrderBy(i => i.Id).Select(i => new ItemView(i.Id, i.LotId, i.Description, i.CpvCode, i.Quantity, i.Unit)).ToList(),
                t.Bids.OrderBy(b => b.Id).Select(b => BidView.From(b, sealedBids)).ToList(),
                t.Awards.OrderBy(a => a.Id).Select(a => new AwardView(a.Id, a.LotId, PartyView.From(a.Supplier!), a.BidId, Major(a.ValueMinor), a.Currency, a.Status, a.Date)).ToList(),
                t.Contracts.OrderBy(c => c.Id).Select(c => new ContractView(c.Id, c.AwardId, c.ContractNumber, Major(c.ValueMinor), c.Currency, c.SignedAt, c.Status,
                    c.Amendments.OrderBy(a => a.Date).Select(a => new AmendmentView(a.Id, a.Date, a.Rationale, Major(a.NewValueMinor))).ToList())).ToList());
        }

        private static decimal? Major(long? minor) => minor is { } m ? Money.FromMinor(m) : null;
    }
}

public sealed record PartyView(int Id, string Name, string IdentifierScheme, string IdentifierId)
{
    public static PartyView From(Party p) => new(p.Id, p.Name, p.IdentifierScheme, p.IdentifierId);
}

/// <summary>A bid as shown to callers: the amount is withheld (null, Sealed = true) before the bid deadline.</summary>
public sealed record BidView(int Id, int? LotId, PartyView Tenderer, decimal? Amount, string Currency, bool Sealed, DateTime? SubmittedAt,
    BidStatus Status, string? StatusReason)
{
    public static BidView From(Bid b, bool sealedBids) => new(b.Id, b.LotId, PartyView.From(b.Tenderer!),
        sealedBids || b.AmountMinor is null ? null : Money.FromMinor(b.AmountMinor.Value), b.Currency, sealedBids, b.SubmittedAt, b.Status, b.StatusReason);
}
