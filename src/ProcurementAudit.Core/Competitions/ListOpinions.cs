using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// Observers' opinions with the organiser's answers and whether each is overdue (as of now). Opinions may discuss
/// candidates, so they have the readers of the applications; the public view carries only their counts.
/// </summary>
public static class ListOpinions
{
    public sealed record Query(int CompetitionId) : IRequest<IReadOnlyList<OpinionView>>;

    public sealed record OpinionView(int Id, int ObserverId, string ObserverOrganisation, OpinionKind Kind, string Text, DateTime FiledAt,
        DateTime AnswerDueAt, string? Answer, DateTime? AnsweredAt, bool Overdue);

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor) : IRequestHandler<Query, IReadOnlyList<OpinionView>>
    {
        public async Task<IReadOnlyList<OpinionView>> Handle(Query request, CancellationToken cancellationToken)
        {
            (await CompetitionViewer.ResolveAsync(db, actor, request.CompetitionId, cancellationToken)).RequireApplicationsAccess();
            var now = clock.GetUtcNow().UtcDateTime;
            var opinions = await db.ObserverOpinions.AsNoTracking().Where(o => o.CompetitionId == request.CompetitionId).OrderBy(o => o.Id).ToListAsync(cancellationToken);
            var observers = await db.CompetitionObservers.AsNoTracking().Where(o => o.CompetitionId == request.CompetitionId)
                .ToDictionaryAsync(o => o.Id, o => o.OrganisationName, cancellationToken);
            return opinions.Select(o => new OpinionView(o.Id, o.ObserverId, observers[o.ObserverId], o.Kind, o.Text, o.FiledAt, o.AnswerDueAt, o.Answer,
                o.AnsweredAt, (o.AnsweredAt ?? now) > o.AnswerDueAt)).ToList();
        }
    }
}
