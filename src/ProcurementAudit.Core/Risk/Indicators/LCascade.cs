using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Auctions;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// L-CASCADE: a chain of at least MinFailedAttempts failed attempts, with the starting rent cut along the way, ends in
/// a concluded attempt won by the asset's sitting tenant, by a former sole bidder (the only participant who bid, or
/// the only one registered when nobody bid, in an earlier failed attempt), or by a party related to either of them
/// (<see cref="RelatedParties"/>). The flag is on the concluded attempt; a rescan of any attempt judges its whole chain.
/// </summary>
internal sealed class LCascade : IIndicator
{
    public string Code => "L-CASCADE";
    public string Title => "Failed auctions cascade to an expected lessee";
    public ProcedureKind ProcedureKind => ProcedureKind.Auction;
    public int Version => 1;
    public string Description => "After at least MinFailedAttempts failed attempts with price cuts, the lease goes to the sitting tenant, a former sole bidder or a party related to them.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinFailedAttempts", ParameterKind.Count, 1m, "How many failed attempts must precede the concluded one."),
    ];

    private sealed record Attempt(int Id, int? PreviousAttemptId, int AssetId, int EnterpriseId, int AttemptNumber, AuctionMethod Method,
        AuctionStatus Status, long StartingRentMinor, DateTime AnnouncedAt, int? WinnerPartyId, int[] BidderPartyIds, int[] RegisteredPartyIds);

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var minFailed = Math.Max(1, run.Parameters.Count("MinFailedAttempts"));
        // Relisted attempts that concluded: the ends of the chains to judge. A targeted run widens to every attempt of
        // the same assets, so a change to an early attempt re-judges the attempt that ends its chain.
        var ends = db.LeaseAuctions.Where(a => a.Status == AuctionStatus.Concluded && a.PreviousAttemptId != null && a.WinnerParticipantId != null);
        if (run.Scope.IsFull)
            ends = ends.InEnterpriseScope(run.Scope);
        else
        {
            var ids = run.Scope.ProcedureIds!.ToArray();
            var assets = db.LeaseAuctions.Where(a => ids.Contains(a.Id)).Select(a => a.AssetId);
            var widened = await db.LeaseAuctions.Where(a => assets.Contains(a.AssetId)).Select(a => a.Id).ToListAsync(cancellationToken);
            foreach (var id in widened) run.Cover(id);
            ends = ends.Where(a => assets.Contains(a.AssetId));
        }
        var endAssets = ends.Select(a => a.AssetId).Distinct();
        var rows = await db.LeaseAuctions.AsNoTracking().Where(a => endAssets.Contains(a.AssetId))
            .Select(a => new { a.Id, a.PreviousAttemptId, a.AssetId, a.EnterpriseId, a.AttemptNumber, a.Method, a.Status, a.StartingRentMinor, a.AnnouncedAt, a.WinnerParticipantId })
            .ToListAsync(cancellationToken);
        // Participants in flat rows (correlated collections would need APPLY, which SQLite lacks).
        var participants = (await db.AuctionParticipants.AsNoTracking()
                .Where(p => db.LeaseAuctions.Any(a => a.Id == p.AuctionId && endAssets.Contains(a.AssetId)))
                .Select(p => new { p.Id, p.AuctionId, p.PartyId, HasBid = db.AuctionBids.Any(b => b.ParticipantId == p.Id) })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.AuctionId);
        var attempts = rows.Select(a => new Attempt(a.Id, a.PreviousAttemptId, a.AssetId, a.EnterpriseId, a.AttemptNumber, a.Method, a.Status,
                a.StartingRentMinor, a.AnnouncedAt,
                participants[a.Id].Where(p => p.Id == a.WinnerParticipantId).Select(p => (int?)p.PartyId).FirstOrDefault(),
                participants[a.Id].Where(p => p.HasBid).Select(p => p.PartyId).ToArray(),
                participants[a.Id].Select(p => p.PartyId).ToArray()))
            .ToList();
        if (attempts.Count == 0) yield break;
        var assetIds = attempts.Select(a => a.AssetId).Distinct().ToArray();
        var sittingTenants = await db.Assets.Where(s => assetIds.Contains(s.Id) && s.SittingTenantPartyId != null)
            .ToDictionaryAsync(s => s.Id, s => s.SittingTenantPartyId!.Value, cancellationToken);
        var byId = attempts.ToDictionary(a => a.Id);

        var judged = new List<(Attempt End, List<Attempt> Chain, Dictionary<int, int> SoleBidders)>();
        foreach (var end in attempts.Where(a => a.Status == AuctionStatus.Concluded && a.PreviousAttemptId is not null && a.WinnerPartyId is not null
                                                && run.Scope.Admits(a.EnterpriseId)).OrderBy(a => a.Id))
        {
            var chain = new List<Attempt> { end };
            while (chain[^1].PreviousAttemptId is { } p && byId.TryGetValue(p, out var earlier) && !chain.Contains(earlier)) chain.Add(earlier);
            chain.Reverse();
            var failed = chain.Take(chain.Count - 1).Where(a => a.Status == AuctionStatus.Failed).ToList();
            if (failed.Count < minFailed || end.StartingRentMinor >= chain[0].StartingRentMinor) continue;
            // Former sole bidders, each with the failed attempt where they stood alone.
            var sole = new Dictionary<int, int>();
            foreach (var f in failed)
            {
                var alone = f.BidderPartyIds.Distinct().ToArray() is { Length: > 0 } bidders ? bidders : f.RegisteredPartyIds.Distinct().ToArray();
                if (alone.Length == 1) sole.TryAdd(alone[0], f.Id);
            }
            judged.Add((end, chain, sole));
        }
        if (judged.Count == 0) yield break;

        var profiles = await RelatedParties.LoadAsync(db, judged.SelectMany(j => j.SoleBidders.Keys.Append(j.End.WinnerPartyId!.Value)
            .Concat(sittingTenants.TryGetValue(j.End.AssetId, out var t) ? [t] : [])), cancellationToken);
        foreach (var (end, chain, sole) in judged)
        {
            var winner = end.WinnerPartyId!.Value;
            var reasons = new List<Dictionary<string, object?>>();
            var involved = new SortedSet<int> { winner };
            int? tenant = sittingTenants.TryGetValue(end.AssetId, out var st) ? st : null;
            if (tenant == winner)
                reasons.Add(new() { ["kind"] = "sittingTenant", ["partyId"] = winner });
            if (sole.TryGetValue(winner, out var soleIn))
                reasons.Add(new() { ["kind"] = "formerSoleBidder", ["partyId"] = winner, ["failedAuctionId"] = soleIn });
            if (profiles.TryGetValue(winner, out var w))
            {
                if (tenant is { } tid && tid != winner && profiles.TryGetValue(tid, out var tp) && RelatedParties.Links(w, tp) is { Count: > 0 } tl)
                {
                    reasons.Add(new() { ["kind"] = "relatedToSittingTenant", ["partyId"] = tid, ["links"] = tl });
                    involved.Add(tid);
                }
                foreach (var (party, failedId) in sole.Where(s => s.Key != winner).OrderBy(s => s.Key))
                    if (profiles.TryGetValue(party, out var sp) && RelatedParties.Links(w, sp) is { Count: > 0 } sl)
                    {
                        reasons.Add(new() { ["kind"] = "relatedToFormerSoleBidder", ["partyId"] = party, ["failedAuctionId"] = failedId, ["links"] = sl });
                        involved.Add(party);
                    }
            }
            if (reasons.Count == 0) continue;
            var first = chain[0];
            var cut = decimal.Round(100m * (first.StartingRentMinor - end.StartingRentMinor) / first.StartingRentMinor, 2);
            var name = profiles.TryGetValue(winner, out var wp) ? wp.Name : $"party {winner}";
            yield return new Finding(end.Id, "", end.EnterpriseId, end.AnnouncedAt, involved,
                new Dictionary<string, object?>
                {
                    ["assetId"] = end.AssetId,
                    ["chain"] = chain.Select(a => new Dictionary<string, object?>
                    {
                        ["auctionId"] = a.Id, ["attemptNumber"] = a.AttemptNumber, ["method"] = a.Method.ToString(),
                        ["status"] = a.Status.ToString(), ["startingMonthlyRent"] = Fmt.Major(a.StartingRentMinor),
                    }).ToList(),
                    ["failedAttempts"] = chain.Count(a => a.Status == AuctionStatus.Failed),
                    ["startingRentCutPercent"] = cut,
                    ["winnerPartyId"] = winner,
                    ["winner"] = name,
                    ["reasons"] = reasons,
                },
                $"After {chain.Count - 1} earlier attempt(s) and a {Fmt.Pct(cut)} cut of the starting rent (from {AuctionRules.Show(first.StartingRentMinor)} " +
                $"to {AuctionRules.Show(end.StartingRentMinor)}), the lease went to {name}: {string.Join("; ", reasons.Select(Describe))}.");
        }
    }

    private static string Describe(Dictionary<string, object?> reason) => reason["kind"] switch
    {
        "sittingTenant" => "the sitting tenant",
        "formerSoleBidder" => $"the sole bidder of failed auction {reason["failedAuctionId"]}",
        "relatedToSittingTenant" => $"related to the sitting tenant (shared {string.Join(", ", (List<string>)reason["links"]!)})",
        _ => $"related to the sole bidder of failed auction {reason["failedAuctionId"]} (shared {string.Join(", ", (List<string>)reason["links"]!)})",
    };
}
