using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Access;

/// <summary>An administrator maps a user to an enterprise (officer, monitor) or accredits a monitor to one competition.</summary>
public static class GrantAccess
{
    public sealed record Command(string UserId, AccessKind Kind, int TargetId) : IRequest<Result>;

    public sealed record Result(int Id, string UserId, AccessKind Kind, int TargetId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.TargetId).GreaterThan(0);
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var targetExists = request.Kind == AccessKind.MonitorOfCompetition
                ? await db.Competitions.AnyAsync(c => c.Id == request.TargetId, cancellationToken)
                : await db.Organisations.AnyAsync(o => o.Id == request.TargetId && o.Kind == OrganisationKind.Enterprise, cancellationToken);
            if (!targetExists)
                throw new DomainValidationException(nameof(Command.TargetId), $"No {(request.Kind == AccessKind.MonitorOfCompetition ? "competition" : "enterprise")} {request.TargetId}.");
            if (await db.UserAccess.AnyAsync(g => g.UserId == request.UserId && g.Kind == request.Kind && g.TargetId == request.TargetId, cancellationToken))
                throw new ConflictException("The user already has this access.");
            var grant = new UserAccess
            {
                UserId = request.UserId, Kind = request.Kind, TargetId = request.TargetId,
                GrantedAt = clock.GetUtcNow().UtcDateTime, GrantedBy = actor.Id,
            };
            db.UserAccess.Add(grant);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(grant.Id, grant.UserId, grant.Kind, grant.TargetId);
        }
    }
}
