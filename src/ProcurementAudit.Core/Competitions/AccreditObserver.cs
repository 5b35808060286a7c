using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// Accredits an observer organisation (NGO, embassy, parliament, international organisation) for one competition,
/// bound to its user (who needs the Monitor role); the user is granted the competition as scope.
/// </summary>
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
            var competition = await db.FindAsync(request.CompetitionId, cancellationToken);
            if (!actor.IsInRole(Roles.Administrator) && !actor.CanEdit(competition.EnterpriseId))
                throw new ForbiddenException("Only an administrator or the organiser accredits observers.");
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
            // The accreditation is also the user's scope: the competition becomes readable to them everywhere.
            if (!await db.UserAccess.AnyAsync(g => g.UserId == userId && g.Kind == AccessKind.MonitorOfCompetition && g.TargetId == competition.Id, cancellationToken))
                db.UserAccess.Add(new UserAccess
                {
                    UserId = userId, Kind = AccessKind.MonitorOfCompetition, TargetId = competition.Id, GrantedAt = observer.AccreditedAt, GrantedBy = actor.Id,
                });
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(observer.Id, observer.AccreditedAt);
        }
    }
}
