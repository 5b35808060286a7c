using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>The accredited observer organisations (also in the public view: who watches is part of the transparency).</summary>
public static class ListObservers
{
    public sealed record Query(int CompetitionId) : IRequest<IReadOnlyList<ObserverView>>;

    public sealed record ObserverView(int Id, string OrganisationName, ObserverKind Kind, DateTime AccreditedAt);

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor) : IRequestHandler<Query, IReadOnlyList<ObserverView>>
    {
        public async Task<IReadOnlyList<ObserverView>> Handle(Query request, CancellationToken cancellationToken)
        {
            await CompetitionViewer.ResolveAsync(db, actor, request.CompetitionId, cancellationToken);
            return await db.CompetitionObservers.AsNoTracking().Where(o => o.CompetitionId == request.CompetitionId).OrderBy(o => o.Id)
                .Select(o => new ObserverView(o.Id, o.OrganisationName, o.Kind, o.AccreditedAt)).ToListAsync(cancellationToken);
        }
    }
}
