using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Risk.Indicators;

/// <summary>
/// C-COI: a voting, non-recused commission member is linked to a candidate: declared in the member's declaration,
/// the same person, declared relatives (either direction), or beneficial owners of the same party.
/// </summary>
internal sealed class CConflictOfInterest : IIndicator
{
    public string Code => "C-COI";
    public string Title => "Conflict of interest on the commission";
    public ProcedureKind ProcedureKind => ProcedureKind.Competition;
    public int Version => 1;
    public string Description => "A voting commission member who is not recused is linked to a candidate (declared, relatives, or shared party ownership).";
    public IReadOnlyList<ParameterDefinition> Parameters { get; } = [];

    public async IAsyncEnumerable<Finding> EvaluateAsync(IndicatorRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var db = run.Db;
        var competitions = await db.Competitions.AsNoTracking().InScope(run.Scope)
            .Where(c => c.Commission.Any(m => m.Voting && m.RecusedAt == null))
            .Select(c => new { c.Id, c.EnterpriseId, Date = c.AnnouncedAt ?? c.CreatedAt }).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        foreach (var c in competitions)
        {
            var members = await db.CommissionMembers.AsNoTracking().Where(m => m.CompetitionId == c.Id && m.Voting && m.RecusedAt == null)
                .OrderBy(m => m.Id).ToListAsync(cancellationToken);
            var candidates = await db.Candidates.AsNoTracking().Where(x => x.CompetitionId == c.Id)
                .OrderBy(x => x.Id).Select(x => new { x.Id, x.PersonId }).ToListAsync(cancellationToken);
            var personIds = members.Where(m => m.PersonId != null).Select(m => m.PersonId!.Value)
                .Concat(candidates.Where(x => x.PersonId != null).Select(x => x.PersonId!.Value)).Distinct().ToList();
            var relatives = await db.Relatives.AsNoTracking().Where(r => personIds.Contains(r.PersonId) && personIds.Contains(r.RelativeId))
                .Select(r => new { r.PersonId, r.RelativeId, r.Relation }).ToListAsync(cancellationToken);
            var owners = await db.BeneficialOwners.AsNoTracking().Where(o => o.PersonId != null && personIds.Contains(o.PersonId.Value))
                .Select(o => new { PersonId = o.PersonId!.Value, o.PartyId, PartyName = db.Parties.Where(p => p.Id == o.PartyId).Select(p => p.Name).First() })
                .ToListAsync(cancellationToken);

            foreach (var member in members)
            {
                foreach (var candidate in candidates)
                {
                    var links = new List<string>();
                    var parties = new List<int>();
                    var evidence = new List<object>();
                    if (member.DeclaredConflictCandidateId == candidate.Id)
                    {
                        links.Add("declared");
                        evidence.Add(new { link = "declared", statement = "conflict declared with this candidate" });
                    }
                    if (member.PersonId is { } mp && candidate.PersonId is { } cp)
                    {
                        if (mp == cp)
                        {
                            links.Add("same person");
                            evidence.Add(new { link = "samePerson", personId = mp });
                        }
                        foreach (var r in relatives.Where(r => (r.PersonId == mp && r.RelativeId == cp) || (r.PersonId == cp && r.RelativeId == mp)))
                        {
                            links.Add($"relative ({r.Relation})");
                            evidence.Add(new { link = "relative", relation = r.Relation, personId = r.PersonId, relativeId = r.RelativeId });
                        }
                        var shared = owners.Where(o => o.PersonId == mp).Select(o => o.PartyId).Intersect(owners.Where(o => o.PersonId == cp).Select(o => o.PartyId));
                        foreach (var partyId in shared.Order())
                        {
                            var name = owners.First(o => o.PartyId == partyId).PartyName;
                            links.Add($"co-owners of {name}");
                            parties.Add(partyId);
                            evidence.Add(new { link = "sharedOwnership", partyId, party = name });
                        }
                    }
                    if (links.Count == 0) continue;
                    yield return new Finding(c.Id, $"member:{member.Id}:candidate:{candidate.Id}", c.EnterpriseId, c.Date, parties,
                        new Dictionary<string, object?>
                        {
                            ["memberId"] = member.Id,
                            ["member"] = member.FullName,
                            ["candidateId"] = candidate.Id,
                            ["links"] = evidence,
                            ["recused"] = false,
                        },
                        $"Commission member {member.FullName} votes although linked to candidate #{candidate.Id}: {string.Join(", ", links)}; the member is not recused.");
                }
            }
        }
    }
}
