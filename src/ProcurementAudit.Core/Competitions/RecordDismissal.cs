using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Records the date the appointee was later dismissed (C-EARLYDISMISSAL watches the tenure).</summary>
public static class RecordDismissal
{
    public sealed record Command(int CompetitionId, DateTime DismissedAt) : IRequest<Result>;

    public sealed record Result(DateTime DismissedAt, int TenureDays);

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            var decision = await db.CompetitionDecisions.SingleOrDefaultAsync(d => d.CompetitionId == request.CompetitionId, cancellationToken)
                ?? throw new ConflictException("Nobody has been appointed in this competition.");
            if (decision.AppointeeDismissedAt is not null) throw new ConflictException("The appointee's dismissal is already recorded.");
            var dismissedAt = request.DismissedAt.Kind == DateTimeKind.Utc ? request.DismissedAt : request.DismissedAt.ToUniversalTime();
            if (dismissedAt < decision.DecidedAt)
                throw new DomainValidationException(nameof(Command.DismissedAt), "The dismissal cannot precede the appointment.");
            if (dismissedAt > clock.GetUtcNow().UtcDateTime)
                throw new DomainValidationException(nameof(Command.DismissedAt), "A dismissal is recorded once it has happened.");
            decision.AppointeeDismissedAt = dismissedAt;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, request.CompetitionId), cancellationToken);
            return new Result(dismissedAt, (int)(dismissedAt - decision.DecidedAt).TotalDays);
        }
    }
}
