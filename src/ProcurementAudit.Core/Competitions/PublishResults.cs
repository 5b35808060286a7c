using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Publishes the result: the public view then shows the winner and the finalists who consented.</summary>
public static class PublishResults
{
    public sealed record Command(int CompetitionId) : IRequest<Result>;

    public sealed record Result(DateTime PublishedAt);

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            if (competition.Status == CompetitionStatus.Published) throw new ConflictException("The result is already published.");
            if (competition.Status != CompetitionStatus.Decided) throw new ConflictException("Only a decided competition can be published.");
            var now = clock.GetUtcNow().UtcDateTime;
            competition.Status = CompetitionStatus.Published;
            competition.PublishedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(now);
        }
    }
}
