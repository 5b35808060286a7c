using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;

namespace ProcurementAudit.Core.Competitions;

/// <summary>The commission: who sits, whether they declared and whether they are recused (the composition is public record).</summary>
public static class ListCommission
{
    public sealed record Query(int CompetitionId) : IRequest<IReadOnlyList<MemberView>>;

    public sealed record MemberView(int Id, string FullName, bool Voting, DateTime? DeclarationFiledAt, bool DeclaredConflict,
        DateTime? RecusedAt, string? RecusalReason, string? UserId);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, IReadOnlyList<MemberView>>
    {
        public async Task<IReadOnlyList<MemberView>> Handle(Query request, CancellationToken cancellationToken)
        {
            var viewer = await CompetitionViewer.ResolveAsync(db, actor, request.CompetitionId, cancellationToken);
            var showUsers = viewer.Organiser || viewer.Auditor;
            var members = await db.CommissionMembers.AsNoTracking().Where(m => m.CompetitionId == request.CompetitionId).OrderBy(m => m.Id).ToListAsync(cancellationToken);
            return members.Select(m => new MemberView(m.Id, m.FullName, m.Voting, m.DeclarationFiledAt,
                m.DeclaredConflictCandidateId is not null, m.RecusedAt, m.RecusalReason, showUsers ? m.UserId : null)).ToList();
        }
    }
}
