using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Records the outcome of an appeal; an appeal is decided once.</summary>
public static class DecideAppeal
{
    public sealed record Command(int CompetitionId, int AppealId, string Outcome) : IRequest<Result>;

    public sealed record Result(int Id, DateTime DecidedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Outcome).NotEmpty().MaximumLength(400);
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            var appeal = await db.Set<CompetitionAppeal>().SingleOrDefaultAsync(a => a.Id == request.AppealId && a.CompetitionId == request.CompetitionId, cancellationToken)
                ?? throw new NotFoundException("Appeal", request.AppealId);
            if (appeal.DecidedAt is not null) throw new ConflictException("The appeal has already been decided.");
            appeal.Outcome = request.Outcome.Trim();
            appeal.DecidedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, request.CompetitionId), cancellationToken);
            return new Result(appeal.Id, appeal.DecidedAt.Value);
        }
    }
}
