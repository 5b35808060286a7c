using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Accredits an observer organisation (NGO, embassy, parliament, international organisation) for one competition, bound to its user.</summary>
public static class AccreditObserver
{
    public sealed record Command(int CompetitionId, string OrganisationName, ObserverKind Kind, string UserId) : IRequest<Result>;

    public sealed record Result(int Id, DateTime AccreditedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OrganisationName).NotEmpty().MaximumLength(400);
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.UserId).NotEmpty().MaximumLength(200);
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (!actor.IsInRole(AppRoles.Administrator) && !CompetitionViewer.IsOrganiser(actor))
                throw new ForbiddenException("Only an administrator or the organiser accredits observers.");
            var competition = await db.FindAsync(request.CompetitionId, cancellationToken);
            competition.RequireOpen();
            var userId = request.UserId.Trim();
            if (await db.CompetitionObservers.AnyAsync(o => o.CompetitionId == competition.Id && o.UserId == userId, cancellationToken))
                throw new ConflictException("This user is already accredited to the competition.");
            if (await db.CommissionMembers.AnyAsync(m => m.CompetitionId == competition.Id && m.UserId == userId, cancellationToken))
                throw new ConflictException("A commission member cannot observe the same competition.");
            var observer = new CompetitionObserver
            {
                CompetitionId = competition.Id, OrganisationName = request.OrganisationName.Trim(), Kind = request.Kind, UserId = userId,
                AccreditedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.CompetitionObservers.Add(observer);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(observer.Id, observer.AccreditedAt);
        }
    }
}
