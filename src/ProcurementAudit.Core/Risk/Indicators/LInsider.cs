using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// L-INSIDER: a beneficial owner of the lessee (the winner of a concluded auction) is an official of the enterprise or
/// of its conglomerate (director, manager, board or supervisory-board member) in office around the auction, or a
/// relative such an official declared. Owners match persons by the person record, the tax number, or (where a tax
/// number is missing on either side) the normalised full name. Evidence names ids, roles and relations, not names.
/// </summary>
internal sealed class LInsider : IIndicator
{
    public string Code => "L-INSIDER";
    public string Title => "Lessee linked to an insider";
    public ProcedureKind ProcedureKind => ProcedureKind.Auction;
    public int Version => 1;
    public string Description => "A beneficial owner of the lessee is an official of the enterprise or its conglomerate, or a declared relative of one, in office from CoolingOffMonths before the auction to its close.";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("CoolingOffMonths", ParameterKind.Count, 12m, "Officials who left this many months or less before the announcement still count.", Max: 600m),
    ];

    private sealed record Official(int OrganisationId, int PersonId, OfficialRole Role, string Title, DateTime From, DateTime? To);

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var coolingOff = run.Parameters.Count("CoolingOffMonths");
        var auctions = await db.LeaseAuctions.InScope(run.Scope)
            .Where(a => a.Status == AuctionStatus.Concluded && a.WinnerParticipantId != null)
            .Select(a => new
            {
                a.Id,
                a.EnterpriseId,
                ConglomerateId = a.Enterprise!.ParentId,
                a.AnnouncedAt,
                Until = a.ClosedAt ?? a.BidDeadline,
                Lessee = a.Participants.Where(p => p.Id == a.WinnerParticipantId).Select(p => (int?)p.PartyId).FirstOrDefault(),
            })
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        auctions = auctions.Where(a => a.Lessee is not null).ToList();
        if (auctions.Count == 0) yield break;

        var organisations = auctions.Select(a => a.EnterpriseId).Concat(auctions.Where(a => a.ConglomerateId != null).Select(a => a.ConglomerateId!.Value))
            .Distinct().ToArray();
        var officials = (await db.Officials.AsNoTracking().Where(o => organisations.Contains(o.OrganisationId))
                .Select(o => new Official(o.OrganisationId, o.PersonId, o.Role, o.Title, o.From, o.To)).ToListAsync(cancellationToken))
            .ToLookup(o => o.OrganisationId);
        var officialPersons = officials.SelectMany(g => g).Select(o => o.PersonId).Distinct().ToArray();
        var relatives = (await db.Relatives.AsNoTracking().Where(r => officialPersons.Contains(r.PersonId))
                .Select(r => new { r.PersonId, r.RelativeId, r.Relation }).ToListAsync(cancellationToken))
            .ToLookup(r => r.PersonId);
        var personIds = officialPersons.Concat(relatives.SelectMany(g => g).Select(r => r.RelativeId)).Distinct().ToArray();
        var persons = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new PersonKey(p.Id, string.IsNullOrWhiteSpace(p.TaxNumber) ? null : p.TaxNumber.Trim(), p.FullName), cancellationToken);
        var lessees = await RelatedParties.LoadAsync(db, auctions.Select(a => a.Lessee!.Value), cancellationToken);

        foreach (var a in auctions)
        {
            if (!lessees.TryGetValue(a.Lessee!.Value, out var lessee) || lessee.Owners.Count == 0) continue;
            var from = a.AnnouncedAt.AddMonths(-coolingOff);
            var inOffice = officials[a.EnterpriseId].Concat(a.ConglomerateId is { } c ? officials[c] : [])
                .Where(o => o.From <= a.Until && (o.To is null || o.To >= from)).ToList();
            var matches = new List<Dictionary<string, object?>>();
            foreach (var official in inOffice)
            {
                // The official themself, then each relative they declared.
                var candidates = new List<(int PersonId, string? Relation)> { (official.PersonId, null) };
                candidates.AddRange(relatives[official.PersonId].Select(r => (r.RelativeId, (string?)r.Relation)));
                foreach (var (personId, relation) in candidates)
                {
                    if (!persons.TryGetValue(personId, out var person)) continue;
                    foreach (var owner in lessee.Owners)
                    {
                        if (RelatedParties.MatchPerson(owner, person) is not { } how) continue;
                        matches.Add(new Dictionary<string, object?>
                        {
                            ["beneficialOwnerId"] = owner.OwnerId,
                            ["personId"] = personId,
                            ["matchedBy"] = how,
                            ["officialPersonId"] = official.PersonId,
                            ["officialRole"] = official.Role.ToString(),
                            ["officialTitle"] = official.Title,
                            ["organisationId"] = official.OrganisationId,
                            ["organisation"] = official.OrganisationId == a.EnterpriseId ? "enterprise" : "conglomerate",
                            ["relation"] = relation,
                        });
                    }
                }
            }
            if (matches.Count == 0) continue;
            var distinct = matches.DistinctBy(m => (m["beneficialOwnerId"], m["personId"], m["officialPersonId"], m["organisationId"], m["officialRole"])).ToList();
            yield return new Finding(a.Id, "", a.EnterpriseId, a.AnnouncedAt, [lessee.Id],
                new Dictionary<string, object?>
                {
                    ["lesseePartyId"] = lessee.Id,
                    ["lessee"] = lessee.Name,
                    ["matches"] = distinct,
                },
                $"A beneficial owner of the lessee {lessee.Name} is {string.Join("; ", distinct.Select(Describe).Distinct())}.");
        }
    }

    private static string Describe(Dictionary<string, object?> m)
    {
        var post = $"the {m["organisation"]}'s {m["officialTitle"]}";
        return m["relation"] is string relation ? $"a declared relative ({relation}) of {post}" : post;
    }
}
