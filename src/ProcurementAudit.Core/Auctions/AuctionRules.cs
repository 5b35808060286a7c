using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Auctions;

/// <summary>
/// The rules of a lease auction, in one place so the use cases, the API and the risk indicators agree.
/// <para>Bidding:</para>
/// <list type="bullet">
/// <item><b>English</b> and <b>PriceReduction</b> are ascending: the first bid is at least the starting rent, and every bid
/// is a whole number of minimum steps above the current price (the highest bid so far, or the starting rent before any
/// bid); a bid must raise the price, except that the very first bid may equal the starting rent.</item>
/// <item><b>Descending</b> ("Dutch"): the price falls from the starting rent in minimum steps and a bid accepts the
/// price reached, so it is at most the starting rent and a whole number of steps below it.</item>
/// </list>
/// In every method the winner is the qualified participant with the highest bid (the earlier bid wins a tie) and the
/// final rent is that bid.
/// <para>Relisting a failed attempt (the price-reduction rule, applied by the method of the new attempt):</para>
/// <list type="bullet">
/// <item><b>English</b>: the same starting rent as the failed attempt.</item>
/// <item><b>PriceReduction</b> and <b>Descending</b>: the failed attempt's starting rent cut by a percentage per attempt,
/// <see cref="DefaultReductionPercent"/> unless the request gives one within 0..<see cref="MaxReductionPercent"/>;
/// the result is rounded to the kopiyka (half away from zero).</item>
/// </list>
/// </summary>
public static class AuctionRules
{
    public const decimal DefaultReductionPercent = 10m;
    public const decimal MaxReductionPercent = 50m;

    public static bool IsAscending(AuctionMethod method) => method is AuctionMethod.English or AuctionMethod.PriceReduction;

    public static bool CutsPriceOnRelist(AuctionMethod method) => method is AuctionMethod.PriceReduction or AuctionMethod.Descending;

    /// <summary>Why the amount is not a valid bid (null when it is), given the highest bid so far.</summary>
    public static string? CheckBid(AuctionMethod method, long startingRentMinor, long stepMinor, long? highestBidMinor, long amountMinor)
    {
        if (IsAscending(method))
        {
            if (amountMinor < startingRentMinor)
                return $"A bid must be at least the starting rent of {Show(startingRentMinor)}.";
            var current = highestBidMinor ?? startingRentMinor;
            if (highestBidMinor is not null && amountMinor <= current)
                return $"A bid must raise the current price of {Show(current)} by at least one minimum step of {Show(stepMinor)}.";
            if ((amountMinor - current) % stepMinor != 0)
                return $"A bid must be a whole number of minimum steps of {Show(stepMinor)} above the current price of {Show(current)}.";
            return null;
        }
        if (amountMinor > startingRentMinor)
            return $"In a descending auction a bid accepts a price of at most the starting rent of {Show(startingRentMinor)}.";
        if ((startingRentMinor - amountMinor) % stepMinor != 0)
            return $"In a descending auction the price falls in minimum steps of {Show(stepMinor)} from the starting rent of {Show(startingRentMinor)}.";
        return null;
    }

    /// <summary>The starting rent of the next attempt, by the new attempt's method (see the class remarks).</summary>
    public static long RelistedStartingRent(AuctionMethod newMethod, long previousStartingRentMinor, decimal reductionPercent)
    {
        if (!CutsPriceOnRelist(newMethod)) return previousStartingRentMinor;
        var reduced = previousStartingRentMinor * (100m - reductionPercent) / 100m;
        return (long)decimal.Round(reduced, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>Each qualified participant's best bid, best first (the earlier bid wins a tie).</summary>
    public static IReadOnlyList<Standing> Ranking(LeaseAuction auction)
    {
        var qualified = auction.Participants.Where(p => p.Qualified).Select(p => p.Id).ToHashSet();
        return auction.Bids.Where(b => qualified.Contains(b.ParticipantId))
            .GroupBy(b => b.ParticipantId)
            .Select(g => g.OrderByDescending(b => b.AmountMinor).ThenBy(b => b.PlacedAt).ThenBy(b => b.Id).First())
            .OrderByDescending(b => b.AmountMinor).ThenBy(b => b.PlacedAt).ThenBy(b => b.Id)
            .Select(b => new Standing(b.ParticipantId, b.AmountMinor, b.PlacedAt))
            .ToList();
    }

    public sealed record Standing(int ParticipantId, long AmountMinor, DateTime PlacedAt);

    /// <summary>
    /// Loads an auction with what its rules need for a change by the actor: 404 when it does not exist or is out of the
    /// actor's scope, 403 when the actor may read but not change it.
    /// </summary>
    internal static async Task<LeaseAuction> LoadForEditAsync(AuditDbContext db, ICurrentActor actor, int id, CancellationToken ct)
    {
        var auction = await db.LeaseAuctions.Include(a => a.Participants).Include(a => a.Bids).Include(a => a.LeaseContract)
                .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("Auction", id);
        actor.EnsureCanEdit(auction.EnterpriseId, "Auction", auction.Id);
        return auction;
    }

    /// <summary>
    /// Marks the auction row as changed so that its version is bumped and checked: two commands that read the same
    /// auction (e.g. two bids computing the current price) cannot both be saved; the second gets a 409.
    /// When the caller sent the version it read, that version is the one checked.
    /// </summary>
    internal static void Touch(AuditDbContext db, LeaseAuction auction, int? versionRead = null)
    {
        var version = db.Entry(auction).Property(a => a.Version);
        if (versionRead is { } v) version.OriginalValue = v;
        version.IsModified = true;
    }

    internal static string Show(long minor) => Money.FromMinor(minor).ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);
}
