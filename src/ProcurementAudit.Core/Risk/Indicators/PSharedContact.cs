using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// P-SHAREDCONTACT: two or more bidders of one tender share a phone, an e-mail, an address or a beneficial owner.
/// A full scan first finds the parties that share anything with another party (a small set), then streams only
/// their bids; the shared values themselves stay out of the evidence (they may be personal data).
/// </summary>
internal sealed class PSharedContact : IIndicator
{
    public string Code => "P-SHAREDCONTACT";
    public string Title => "Bidders share contacts or owners";
    public ProcedureKind ProcedureKind => ProcedureKind.Tender;
    public int Version => 1;
    public string Description => "At least MinLinkedBidders bidders of one tender share a phone, e-mail, street address or beneficial owner.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("MinLinkedBidders", ParameterKind.Count, 2m, "How many linked bidders one tender must have."),
    ];

    private sealed record PartyInfo(int Id, string Name, string? Phone, string? Email, string? Address, HashSet<string> Owners);

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var minLinked = Math.Max(2, run.Parameters.Count("MinLinkedBidders"));
        Dictionary<int, PartyInfo> parties;
        IQueryable<Bid> bids;
        if (run.Scope.IsFull)
        {
            var linked = await LinkedPartiesAsync(db, cancellationToken);
            parties = await LoadAsync(db, linked, cancellationToken);
            var ids = parties.Keys.ToArray();
            bids = db.Bids.Where(b => EF.Parameter(ids).Contains(b.TendererPartyId));
        }
        else
        {
            var tenderIds = run.Scope.ProcedureIds!.ToArray();
            parties = await LoadAsync(db, db.Bids.Where(b => tenderIds.Contains(b.TenderId)).Select(b => b.TendererPartyId), cancellationToken);
            bids = db.Bids;
        }
        if (parties.Count < 2) yield break;

        var rows = (
                from b in bids
                join t in db.Tenders.InScope(run.Scope) on b.TenderId equals t.Id
                orderby b.TenderId, b.TendererPartyId
                select new { b.TenderId, t.EnterpriseId, Date = t.TenderPeriodStart ?? t.CreatedAt, b.TendererPartyId })
            .AsAsyncEnumerable()
            .GroupAdjacentAsync(x => x.TenderId, cancellationToken);
        await foreach (var tender in rows.WithCancellation(cancellationToken))
        {
            var bidders = tender.Select(x => x.TendererPartyId).Distinct().Select(parties.GetValueOrDefault).OfType<PartyInfo>().ToList();
            if (bidders.Count < 2) continue;
            var pairs = new List<Dictionary<string, object?>>();
            var involved = new SortedSet<int>();
            var sentences = new List<string>();
            for (var i = 0; i < bidders.Count; i++)
            for (var j = i + 1; j < bidders.Count; j++)
            {
                var shared = Shared(bidders[i], bidders[j]);
                if (shared.Count == 0) continue;
                involved.Add(bidders[i].Id);
                involved.Add(bidders[j].Id);
                pairs.Add(new Dictionary<string, object?>
                {
                    ["partyIds"] = new[] { bidders[i].Id, bidders[j].Id },
                    ["parties"] = new[] { bidders[i].Name, bidders[j].Name },
                    ["shared"] = shared,
                });
                sentences.Add($"{bidders[i].Name} and {bidders[j].Name} share {string.Join(" and ", shared.Select(Describe))}");
            }
            if (involved.Count < minLinked) continue;
            var first = tender[0];
            yield return new Finding(first.TenderId, "", first.EnterpriseId, first.Date, involved,
                new Dictionary<string, object?> { ["linkedBidders"] = involved.Count, ["pairs"] = pairs },
                $"Bidders of this tender are linked: {string.Join("; ", sentences)}.");
        }
    }

    /// <summary>
    /// Parties that share a phone, e-mail, address or beneficial owner with at least one other party. The shared
    /// values are fetched first (small lists), then the parties holding them: no correlated subqueries.
    /// </summary>
    private static async Task<IQueryable<int>> LinkedPartiesAsync(AuditDbContext db, CancellationToken ct)
    {
        var phones = await db.Parties.Where(p => p.ContactPhone != null && p.ContactPhone != "")
            .GroupBy(p => p.ContactPhone!).Where(g => g.Count() > 1).Select(g => g.Key).ToArrayAsync(ct);
        var emails = await db.Parties.Where(p => p.ContactEmail != null && p.ContactEmail != "")
            .GroupBy(p => p.ContactEmail!).Where(g => g.Count() > 1).Select(g => g.Key).ToArrayAsync(ct);
        var streets = await db.Parties.Where(p => p.StreetAddress != null && p.StreetAddress != "" && p.Locality != null)
            .GroupBy(p => new { p.StreetAddress, p.Locality }).Where(g => g.Count() > 1).Select(g => g.Key.StreetAddress!).ToArrayAsync(ct);
        var ownerTaxNumbers = await db.BeneficialOwners.Where(o => o.TaxNumber != null && o.TaxNumber != "")
            .GroupBy(o => o.TaxNumber!).Where(g => g.Select(o => o.PartyId).Distinct().Count() > 1).Select(g => g.Key).ToArrayAsync(ct);
        var ownerPersons = await db.BeneficialOwners.Where(o => o.PersonId != null)
            .GroupBy(o => o.PersonId!.Value).Where(g => g.Select(o => o.PartyId).Distinct().Count() > 1).Select(g => g.Key).ToArrayAsync(ct);
        var ownerParties = await db.BeneficialOwners
            .Where(o => (o.TaxNumber != null && EF.Parameter(ownerTaxNumbers).Contains(o.TaxNumber)) || (o.PersonId != null && EF.Parameter(ownerPersons).Contains(o.PersonId.Value)))
            .Select(o => o.PartyId).Distinct().ToArrayAsync(ct);
        // Exact values here (a superset check by street only); the in-memory comparison then normalises case and spaces.
        return db.Parties
            .Where(p => (p.ContactPhone != null && EF.Parameter(phones).Contains(p.ContactPhone))
                        || (p.ContactEmail != null && EF.Parameter(emails).Contains(p.ContactEmail))
                        || (p.StreetAddress != null && EF.Parameter(streets).Contains(p.StreetAddress))
                        || EF.Parameter(ownerParties).Contains(p.Id))
            .Select(p => p.Id);
    }

    private static async Task<Dictionary<int, PartyInfo>> LoadAsync(AuditDbContext db, IQueryable<int> ids, CancellationToken ct)
    {
        var parties = await db.Parties.Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.ContactPhone, p.ContactEmail, p.StreetAddress, p.Locality })
            .ToListAsync(ct);
        var owners = await db.BeneficialOwners.Where(o => ids.Contains(o.PartyId))
            .Select(o => new { o.PartyId, o.TaxNumber, o.PersonId }).ToListAsync(ct);
        var result = parties.ToDictionary(p => p.Id, p => new PartyInfo(p.Id, p.Name, Norm(p.ContactPhone), Norm(p.ContactEmail),
            string.IsNullOrWhiteSpace(p.StreetAddress) || p.Locality is null ? null : Norm(p.StreetAddress + "|" + p.Locality), []));
        foreach (var o in owners)
        {
            if (!result.TryGetValue(o.PartyId, out var info)) continue;
            if (!string.IsNullOrWhiteSpace(o.TaxNumber)) info.Owners.Add("tax:" + o.TaxNumber.Trim());
            if (o.PersonId is { } person) info.Owners.Add("person:" + person);
        }
        return result;
    }

    private static string? Norm(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static List<string> Shared(PartyInfo a, PartyInfo b)
    {
        var shared = new List<string>();
        if (a.Phone is not null && a.Phone == b.Phone) shared.Add("phone");
        if (a.Email is not null && a.Email == b.Email) shared.Add("email");
        if (a.Address is not null && a.Address == b.Address) shared.Add("address");
        if (a.Owners.Overlaps(b.Owners)) shared.Add("beneficialOwner");
        return shared;
    }

    private static string Describe(string kind) => kind switch
    {
        "phone" => "a phone number",
        "email" => "an e-mail address",
        "address" => "a street address",
        _ => "a beneficial owner",
    };
}
