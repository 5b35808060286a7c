using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>The organiser's written answer to an opinion; given once. A late answer is accepted and shows as late.</summary>
public static class AnswerOpinion
{
    public sealed record Command(int CompetitionId, int OpinionId, string Answer) : IRequest<Result>;

    public sealed record Result(int Id, DateTime AnsweredAt, bool Late);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Answer).NotEmpty().MaximumLength(4000);
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            var opinion = await db.ObserverOpinions.SingleOrDefaultAsync(o => o.Id == request.OpinionId && o.CompetitionId == request.CompetitionId, cancellationToken)
                ?? throw new NotFoundException("Opinion", request.OpinionId);
            if (opinion.AnsweredAt is not null) throw new ConflictException("The opinion has already been answered.");
            var now = clock.GetUtcNow().UtcDateTime;
            opinion.Answer = request.Answer.Trim();
            opinion.AnsweredAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, request.CompetitionId), cancellationToken);
            return new Result(opinion.Id, now, now > opinion.AnswerDueAt);
        }
    }
}
