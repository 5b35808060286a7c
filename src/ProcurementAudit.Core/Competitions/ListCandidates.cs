using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// The applications. Personal data goes to the commission (declared, not recused), accredited observers and
/// auditors; the organiser sees the candidates under labels ("Candidate 2") with their status. A member without a
/// declaration, a recused member and anyone else get 403.
/// </summary>
public static class ListCandidates
{
    public sealed record Query(int CompetitionId) : IRequest<IReadOnlyList<CandidateView>>;

    public sealed record CandidateView(int Id, string Label, string? FullName, string? Email, string? Phone, string? Address, DateTime AppliedAt,
        bool ConsentToProcessing, bool ConsentToPublish, Domain.EligibilityDecision Eligibility, string? EligibilityReason, bool Shortlisted);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, IReadOnlyList<CandidateView>>
    {
        public async Task<IReadOnlyList<CandidateView>> Handle(Query request, CancellationToken cancellationToken)
        {
            var viewer = await CompetitionViewer.ResolveAsync(db, actor, request.CompetitionId, cancellationToken);
            viewer.RequireApplicationsAccess();
            var personal = viewer.SeesPersonalData;
            var candidates = await db.Candidates.AsNoTracking().Where(c => c.CompetitionId == request.CompetitionId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            return candidates.Select((c, i) => new CandidateView(c.Id, CandidateLabel(i), personal ? c.FullName : null, personal ? c.Email : null,
                personal ? c.Phone : null, personal ? c.Address : null, c.AppliedAt, c.ConsentToProcessing, c.ConsentToPublish, c.Eligibility,
                c.EligibilityReason, c.Shortlisted)).ToList();
        }
    }

    /// <summary>The label shown where personal data may not be: numbered in order of application.</summary>
    public static string CandidateLabel(int index) => $"Candidate {index + 1}";
}
