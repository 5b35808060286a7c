using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// Recuses a member (by the member or the organiser): no more scoring, no access to the applications, and the
/// member's scores no longer count in the ranking.
/// </summary>
public static class RecuseMember
{
    public sealed record Command(int CompetitionId, int MemberId, string Reason) : IRequest<Result>;

    public sealed record Result(int MemberId, DateTime RecusedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(400);
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindAsync(request.CompetitionId, cancellationToken);
            var member = await db.CommissionMembers.SingleOrDefaultAsync(m => m.Id == request.MemberId && m.CompetitionId == competition.Id, cancellationToken);
            // A write: anyone but the member themselves and the organiser is refused (403), in scope or not.
            var self = member is not null && actor.IsInRole(Roles.CommissionMember) && member.UserId == actor.Id;
            if (!self && !actor.CanEdit(competition.EnterpriseId))
                throw new ForbiddenException("Only the member or the organiser may record a recusal.");
            if (member is null) throw new NotFoundException("Commission member", request.MemberId);
            competition.RequireUndecided();
            if (member.RecusedAt is not null)
                throw new ConflictException("The member is already recused.");
            var now = clock.GetUtcNow().UtcDateTime;
            member.RecusedAt = now;
            member.RecusalReason = request.Reason.Trim();
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(member.Id, now);
        }
    }
}
