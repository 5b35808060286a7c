using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Auctions;

/// <summary>One asset with its documents and every auction (attempt) held for it.</summary>
public static class GetAsset
{
    public sealed record Query(int Id) : IRequest<AssetDetails>;

    public sealed record AssetDetails(int Id, int EnterpriseId, string Description, decimal AreaSquareMetres, string Address, decimal AppraisedValue,
        string Currency, int? SittingTenantPartyId, IReadOnlyList<DocumentView> Documents, IReadOnlyList<AttemptView> Auctions);

    public sealed record DocumentView(int Id, string Title, string Sha256);

    public sealed record AttemptView(int Id, int AttemptNumber, int? PreviousAttemptId, AuctionMethod Method, AuctionStatus Status,
        decimal StartingMonthlyRent, decimal? FinalMonthlyRent, DateTime AnnouncedAt, DateTime BidDeadline);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, AssetDetails>
    {
        public async Task<AssetDetails> Handle(Query request, CancellationToken cancellationToken)
        {
            var asset = await db.Assets.AsNoTracking().Include(a => a.Documents).SingleOrDefaultAsync(a => a.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("Asset", request.Id);
            actor.EnsureCanRead(asset.EnterpriseId, "Asset", asset.Id);
            var auctions = await db.LeaseAuctions.AsNoTracking().Where(a => a.AssetId == asset.Id)
                .OrderBy(a => a.AnnouncedAt).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.AttemptNumber, a.PreviousAttemptId, a.Method, a.Status, a.StartingRentMinor, a.FinalRentMinor, a.AnnouncedAt, a.BidDeadline })
                .ToListAsync(cancellationToken);
            return new AssetDetails(asset.Id, asset.EnterpriseId, asset.Description, asset.AreaSquareMetres, asset.Address,
                Money.FromMinor(asset.AppraisedValueMinor), asset.Currency, asset.SittingTenantPartyId,
                asset.Documents.OrderBy(d => d.Id).Select(d => new DocumentView(d.Id, d.Title, d.Sha256)).ToList(),
                auctions.Select(a => new AttemptView(a.Id, a.AttemptNumber, a.PreviousAttemptId, a.Method, a.Status, Money.FromMinor(a.StartingRentMinor),
                    a.FinalRentMinor is { } f ? Money.FromMinor(f) : null, a.AnnouncedAt, a.BidDeadline)).ToList());
        }
    }
}
