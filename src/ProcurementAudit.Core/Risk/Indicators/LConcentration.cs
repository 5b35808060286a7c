using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// L-CONCENTRATION: one beneficial-owner group holds MinObjects or more of an enterprise's leased objects, or (with at
/// least MinObjectsForShare objects) AreaSharePercent or more of its leased area. The holder of an asset is the lessee
/// of its latest lease contract, or, before a contract is recorded, the winner of its latest concluded auction.
/// Lessees form one group when they are the same party or share a beneficial owner (<see cref="RelatedParties.SameOwner"/>,
/// linked transitively). One flag per auction that gave the group one of its leases, all with the subject
/// <c>group:&lt;lowest party id of the group&gt;</c>, so each dossier shows it and a rescan of one re-judges the group.
/// </summary>
internal sealed class LConcentration : IIndicator
{
    public string Code => "L-CONCENTRATION";
    public string Title => "Leases concentrated in one owner group";
    public ProcedureKind ProcedureKind => ProcedureKind.Auction;
    public int Version => 1;
    public string Description => "One beneficial-owner group holds at least MinObjects of an enterprise's leased objects, or at least AreaSharePercent of its leased area over at least MinObjectsForShare objects.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("AreaSharePercent", ParameterKind.Percent, 25m, "The share of the enterprise's leased area one group may hold."),
        new("MinObjects", ParameterKind.Count, 3m, "How many leased objects in one group's hands fire the flag whatever their area."),
        new("MinObjectsForShare", ParameterKind.Count, 2m, "How many objects a group must hold before its area share is judged (1 judges every single lease)."),
    ];

    private sealed record Holding(int EnterpriseId, int AssetId, decimal Area, int PartyId, int AuctionId, DateTime Date);

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var sharePercent = run.Parameters["AreaSharePercent"];
        var minObjects = Math.Max(1, run.Parameters.Count("MinObjects"));
        var minForShare = Math.Max(1, run.Parameters.Count("MinObjectsForShare"));

        var auctions = db.LeaseAuctions.InEnterpriseScope(run.Scope);
        if (!run.Scope.IsFull)
        {
            // A change to one auction can make or break a group anywhere in its enterprise: judge the enterprise whole.
            var ids = run.Scope.ProcedureIds!.ToArray();
            var enterprises = await db.LeaseAuctions.Where(a => ids.Contains(a.Id)).Select(a => a.EnterpriseId).Distinct().ToArrayAsync(cancellationToken);
            if (enterprises.Length == 0) yield break;
            auctions = auctions.Where(a => enterprises.Contains(a.EnterpriseId));
            foreach (var id in await auctions.Select(a => a.Id).ToListAsync(cancellationToken)) run.Cover(id);
        }

        var contracts = await (
                from c in db.LeaseContracts
                join a in auctions on c.AuctionId equals a.Id
                select new Holding(a.EnterpriseId, a.AssetId, a.Asset!.AreaSquareMetres, c.LesseePartyId, a.Id, c.SignedAt))
            .ToListAsync(cancellationToken);
        var awards = await auctions
            .Where(a => a.Status == AuctionStatus.Concluded && a.WinnerParticipantId != null && a.LeaseContract == null)
            .Select(a => new Holding(a.EnterpriseId, a.AssetId, a.Asset!.AreaSquareMetres,
                a.Participants.Where(p => p.Id == a.WinnerParticipantId).Select(p => p.PartyId).First(), a.Id, a.ClosedAt ?? a.BidDeadline))
            .ToListAsync(cancellationToken);
        var holdings = contracts.Concat(awards)
            .GroupBy(h => h.AssetId)
            .Select(g => g.OrderByDescending(h => h.Date).ThenByDescending(h => h.AuctionId).First())
            .ToList();
        if (holdings.Count == 0) yield break;
        var profiles = await RelatedParties.LoadAsync(db, holdings.Select(h => h.PartyId), cancellationToken);

        foreach (var enterprise in holdings.GroupBy(h => h.EnterpriseId).OrderBy(g => g.Key))
        {
            var leasedArea = enterprise.Sum(h => h.Area);
            var parties = enterprise.Select(h => h.PartyId).Distinct().Order().ToList();
            var groups = Group(parties, profiles);
            foreach (var group in groups)
            {
                var held = enterprise.Where(h => group.Contains(h.PartyId)).OrderBy(h => h.AssetId).ToList();
                var area = held.Sum(h => h.Area);
                var share = leasedArea == 0 ? 0m : decimal.Round(100m * area / leasedArea, 2);
                var byCount = held.Count >= minObjects;
                var byArea = held.Count >= minForShare && leasedArea > 0 && area * 100m >= sharePercent * leasedArea;
                if (!byCount && !byArea) continue;
                var names = group.Select(p => profiles.TryGetValue(p, out var pr) ? pr.Name : $"party {p}").ToList();
                var evidence = new Dictionary<string, object?>
                {
                    ["parties"] = group.Select(p => new Dictionary<string, object?> { ["partyId"] = p, ["name"] = profiles.TryGetValue(p, out var pr) ? pr.Name : null }).ToList(),
                    ["objects"] = held.Count,
                    ["groupArea"] = area,
                    ["enterpriseLeasedArea"] = leasedArea,
                    ["enterpriseLeasedObjects"] = enterprise.Count(),
                    ["areaSharePercent"] = share,
                    ["firedBy"] = byCount && byArea ? "objects,areaShare" : byCount ? "objects" : "areaShare",
                    ["holdings"] = held.Select(h => new Dictionary<string, object?>
                    {
                        ["assetId"] = h.AssetId, ["auctionId"] = h.AuctionId, ["partyId"] = h.PartyId, ["area"] = h.Area,
                    }).ToList(),
                };
                var explanation = $"{string.Join(", ", names)} ({(group.Count == 1 ? "one lessee" : "lessees sharing beneficial owners")}) hold {held.Count} of the enterprise's " +
                    $"{enterprise.Count()} leased objects, {Fmt.Num(area)} of {Fmt.Num(leasedArea)} m² ({Fmt.Pct(share)}).";
                foreach (var h in held.DistinctBy(h => h.AuctionId))
                    yield return new Finding(h.AuctionId, $"group:{group.Min()}", enterprise.Key, h.Date, group, evidence, explanation);
            }
        }
    }

    /// <summary>Connected components of "shares a beneficial owner" among the lessees, each sorted, in order of their lowest id.</summary>
    private static List<List<int>> Group(List<int> parties, Dictionary<int, PartyProfile> profiles)
    {
        var root = parties.ToDictionary(p => p, p => p);
        int Find(int p) => root[p] == p ? p : root[p] = Find(root[p]);
        for (var i = 0; i < parties.Count; i++)
        for (var j = i + 1; j < parties.Count; j++)
        {
            if (!profiles.TryGetValue(parties[i], out var a) || !profiles.TryGetValue(parties[j], out var b)) continue;
            if (!a.Owners.Any(x => b.Owners.Any(y => RelatedParties.SameOwner(x, y)))) continue;
            var (ra, rb) = (Find(a.Id), Find(b.Id));
            if (ra != rb) root[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        return parties.GroupBy(Find).Select(g => g.Order().ToList()).OrderBy(g => g[0]).ToList();
    }
}
