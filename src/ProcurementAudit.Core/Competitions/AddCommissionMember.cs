using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>Adds a commission member bound to the user who will act in the seat.</summary>
public static class AddCommissionMember
{
    public sealed record Command(int CompetitionId, string FullName, string UserId, bool Voting = true, int? PersonId = null) : IRequest<Result>;

    public sealed record Result(int Id);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FullName).NotEmpty().MaximumLength(400);
            RuleFor(c => c.UserId).NotEmpty().MaximumLength(200);
        }
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            competition.RequireUndecided();
            var userId = request.UserId.Trim();
            if (await db.CommissionMembers.AnyAsync(m => m.CompetitionId == competition.Id && m.UserId == userId, cancellationToken))
                throw new ConflictException("This user already holds a seat on the commission.");
            if (await db.CompetitionObservers.AnyAsync(o => o.CompetitionId == competition.Id && o.UserId == userId, cancellationToken))
                throw new ConflictException("An accredited observer cannot sit on the commission of the same competition.");
            if (request.PersonId is { } personId && await db.Persons.FindAsync([personId], cancellationToken) is null)
                throw new DomainValidationException(nameof(Command.PersonId), $"Person {personId} does not exist.");
            var member = new CommissionMember
            {
                CompetitionId = competition.Id, FullName = request.FullName.Trim(), UserId = userId, Voting = request.Voting, PersonId = request.PersonId,
            };
            db.CommissionMembers.Add(member);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(member.Id);
        }
    }
}
