using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Tenders;

namespace ProcurementAudit.Core.Auctions;

/// <summary>One auction with its asset, participants, bids (amounts sealed before the deadline), result, contract and chain of attempts.</summary>
public static class GetAuction
{
    public sealed record Query(int Id) : IRequest<AuctionDetails>;

    public sealed record AuctionDetails(int Id, int EnterpriseId, string EnterpriseName, AssetView Asset, AuctionMethod Method, AuctionStatus Status,
        decimal StartingMonthlyRent, decimal MinimumStep, decimal GuaranteeDeposit, string Currency, DateTime AnnouncedAt, DateTime BidDeadline,
        int MinimumQualifiedBidders, int AttemptNumber, int? PreviousAttemptId, bool BidsSealed, int? WinnerParticipantId, decimal? FinalMonthlyRent,
        DateTime? ClosedAt, string? FailureReason, int? RefusedParticipantId, DateTime? RefusedAt, int Version,
        IReadOnlyList<ParticipantView> Participants, IReadOnlyList<AuctionBidView> Bids, ContractView? LeaseContract, IReadOnlyList<AttemptView> Chain);

    public sealed record AssetView(int Id, string Description, decimal AreaSquareMetres, string Address, decimal AppraisedValue,
        int? SittingTenantPartyId, IReadOnlyList<GetAsset.DocumentView> Documents);
    public sealed record ParticipantView(int Id, PartyView Party, bool DepositPaid, bool Qualified);
    public sealed record AuctionBidView(int Id, int ParticipantId, decimal? Amount, DateTime PlacedAt);

    public sealed record ContractView(int Id, int LesseePartyId, decimal MonthlyRent, string Currency, DateTime SignedAt, int TermMonths)
    {
        public static ContractView From(LeaseContract c) => new(c.Id, c.LesseePartyId, Money.FromMinor(c.MonthlyRentMinor), c.Currency, c.SignedAt, c.TermMonths);
    }

    /// <summary>One attempt of the chain this auction belongs to, first attempt first.</summary>
    public sealed record AttemptView(int Id, int AttemptNumber, AuctionMethod Method, AuctionStatus Status, decimal StartingMonthlyRent,
        decimal? FinalMonthlyRent, DateTime AnnouncedAt, string? FailureReason);

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor) : IRequestHandler<Query, AuctionDetails>
    {
        public async Task<AuctionDetails> Handle(Query request, CancellationToken cancellationToken)
        {
            var a = await db.LeaseAuctions.AsNoTracking().AsSplitQuery()
                .Include(x => x.Asset).ThenInclude(s => s!.Documents).Include(x => x.Enterprise)
                .Include(x => x.Participants).ThenInclude(p => p.Party)
                .Include(x => x.Bids)
                .Include(x => x.LeaseContract)
                .SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Auction", request.Id);
            actor.EnsureCanRead(a.EnterpriseId, "Auction", a.Id);
            var attempts = await db.LeaseAuctions.AsNoTracking().Where(x => x.AssetId == a.AssetId)
                .Select(x => new ChainLink(x.Id, x.PreviousAttemptId, x.AttemptNumber, x.Method, x.Status, x.StartingRentMinor, x.FinalRentMinor, x.AnnouncedAt, x.FailureReason))
                .ToListAsync(cancellationToken);
            var sealedBids = TenderRules.IsSealed(a.BidDeadline, clock.GetUtcNow().UtcDateTime);
            var asset = a.Asset!;
            return new AuctionDetails(a.Id, a.EnterpriseId, a.Enterprise!.Name,
                new AssetView(asset.Id, asset.Description, asset.AreaSquareMetres, asset.Address, Money.FromMinor(asset.AppraisedValueMinor),
                    asset.SittingTenantPartyId, asset.Documents.OrderBy(d => d.Id).Select(d => new GetAsset.DocumentView(d.Id, d.Title, d.Sha256)).ToList()),
                a.Method, a.Status, Money.FromMinor(a.StartingRentMinor), Money.FromMinor(a.MinimumStepMinor), Money.FromMinor(a.GuaranteeDepositMinor),
                a.Currency, a.AnnouncedAt, a.BidDeadline, a.MinimumQualifiedBidders, a.AttemptNumber, a.PreviousAttemptId, sealedBids,
                a.WinnerParticipantId, a.FinalRentMinor is { } rent ? Money.FromMinor(rent) : null, a.ClosedAt, a.FailureReason,
                a.RefusedParticipantId, a.RefusedAt, a.Version,
                a.Participants.OrderBy(p => p.Id).Select(p => new ParticipantView(p.Id, PartyView.From(p.Party!), p.DepositPaid, p.Qualified)).ToList(),
                a.Bids.OrderBy(b => b.PlacedAt).ThenBy(b => b.Id)
                    .Select(b => new AuctionBidView(b.Id, b.ParticipantId, sealedBids ? null : Money.FromMinor(b.AmountMinor), b.PlacedAt)).ToList(),
                a.LeaseContract is { } c ? ContractView.From(c) : null,
                Chain(attempts, a.Id).Select(x => new AttemptView(x.Id, x.AttemptNumber, x.Method, x.Status, Money.FromMinor(x.StartingRentMinor),
                    x.FinalRentMinor is { } f ? Money.FromMinor(f) : null, x.AnnouncedAt, x.FailureReason)).ToList());
        }

        // An asset may have several independent chains (e.g. a new lease years later): follow only this auction's links.
        private static List<ChainLink> Chain(List<ChainLink> attempts, int id)
        {
            var byId = attempts.ToDictionary(x => x.Id);
            var first = byId[id];
            var seen = new HashSet<int> { first.Id };
            while (first.PreviousAttemptId is { } p && byId.TryGetValue(p, out var earlier) && seen.Add(earlier.Id)) first = earlier;
            var chain = new List<ChainLink> { first };
            seen = [first.Id];
            while (attempts.FirstOrDefault(x => x.PreviousAttemptId == chain[^1].Id) is { } next && seen.Add(next.Id)) chain.Add(next);
            return chain;
        }

        private sealed record ChainLink(int Id, int? PreviousAttemptId, int AttemptNumber, AuctionMethod Method, AuctionStatus Status,
            long StartingRentMinor, long? FinalRentMinor, DateTime AnnouncedAt, string? FailureReason);
    }
}
